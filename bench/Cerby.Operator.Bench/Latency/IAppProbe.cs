namespace Cerby.Operator.Bench.Latency;

/// <summary>Asks the app itself (never the operator) what it holds.</summary>
internal interface IAppProbe : IAsyncDisposable
{
    /// <summary>Shown in the output, e.g. "scimmy (node)".</summary>
    string Name { get; }

    /// <summary>Whether the app holds an active member with that email, and the hub role their native role stands for.</summary>
    Task<(bool Member, string? Role)> UserAsync(string email, CancellationToken cancellationToken);

    /// <summary>How many members the app holds.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);
}
