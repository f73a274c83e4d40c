namespace Cerby.KubeApiServer.Semantics;

/// <summary>Query parameters of a write: <c>fieldValidation</c> (Ignore, Warn, Strict) and <c>dryRun=All</c>.</summary>
internal sealed record WriteOptions(string FieldValidation, bool DryRun)
{
    public static WriteOptions Default { get; } = new("Warn", DryRun: false);
}

/// <summary>What a write returns: the object (or a Status for a completed delete) and warnings for the Warning header.</summary>
internal sealed record WriteResult(System.Text.Json.Nodes.JsonObject Body, IReadOnlyList<string> Warnings, int StatusCode = 200);
