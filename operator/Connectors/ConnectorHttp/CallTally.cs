namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>Counts the HTTP attempts one connector operation made (retries included), for <see cref="ApplyResult.Calls"/>.</summary>
internal sealed class CallTally
{
    /// <summary>Attempts so far.</summary>
    public int Count { get; private set; }

    /// <summary>Records one attempt.</summary>
    public void Add() => Count++;

    /// <summary>Records <paramref name="attempts"/> attempts.</summary>
    public void Add(int attempts) => Count += attempts;
}
