using System.Text.Json.Nodes;

namespace Cerby.Operator.Tests.Cli;

/// <summary>One change of a <c>plan -o json</c> document, flattened for assertions.</summary>
internal sealed record PlannedChange(string Hub, string Action, string User, string? From, string? To, string Reason, string? Asset)
{
    /// <summary>The changes of every hub in the document (not held, withheld or drift).</summary>
    public static IReadOnlyList<PlannedChange> All(JsonNode plan) =>
        [.. plan["hubs"]!.AsArray().SelectMany(hub => hub!["changes"]!.AsArray().Select(c => Of(hub["hub"]!.GetValue<string>(), c!)))];

    /// <summary>The drift entries of every hub, with their status.</summary>
    public static IReadOnlyList<(string Status, PlannedChange Change)> Drift(JsonNode plan) =>
        [.. plan["hubs"]!.AsArray().SelectMany(hub => hub!["drift"]!.AsArray().Select(d => (d!["status"]!.GetValue<string>(), Of(hub["hub"]!.GetValue<string>(), d["change"]!))))];

    public static PlannedChange Of(string hub, JsonNode change) => new(
        hub,
        change["action"]!.GetValue<string>(),
        change["user"]!.GetValue<string>(),
        change["from"]?.GetValue<string>(),
        change["to"]?.GetValue<string>(),
        change["reason"]!.GetValue<string>(),
        change["asset"]?.GetValue<string>());
}
