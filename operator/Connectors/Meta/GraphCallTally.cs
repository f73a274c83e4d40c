namespace Cerby.Operator.Connectors.Meta;

/// <summary>The HTTP calls one connector operation made, retries included, for <see cref="ApplyResult.Calls"/>.</summary>
internal sealed class GraphCallTally
{
    /// <summary>Calls made so far.</summary>
    public int Calls { get; private set; }

    /// <summary>Counts one more call.</summary>
    public void Count() => Calls++;

    /// <summary>Counts <paramref name="calls"/> more calls.</summary>
    public void Count(int calls) => Calls += calls;
}
