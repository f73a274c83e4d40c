namespace Cerby.Operator.Runtime.Informers;

/// <summary>What the host needs of an informer of any kind: run it, and know when its cache is filled.</summary>
internal interface IInformer
{
    string Kind { get; }

    /// <summary>True once every scope was listed once.</summary>
    bool HasSynced { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>Lists and watches until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
