namespace Cerby.KubeApiServer.Semantics;

/// <summary>DeleteOptions (from the query or the body): preconditions, <c>propagationPolicy=Orphan</c>, <c>dryRun=All</c>.</summary>
internal sealed record DeleteRequest(string? PreconditionUid, string? PreconditionResourceVersion, bool Orphan, bool DryRun)
{
    public static DeleteRequest Background { get; } = new(null, null, Orphan: false, DryRun: false);
}
