using System.Globalization;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Cli;

/// <summary>One member of one hub in the audit report.</summary>
/// <param name="State">active, invited or suspended in the app; "not in the app yet" when only entitled; "app not read" when the app's members are unknown.</param>
/// <param name="Role">The hub role (from the app's native role; the entitled role when not in the app).</param>
/// <param name="Assets">"kind/id TASK+TASK", comma-separated.</param>
/// <param name="Justification">"Admin via team admins (TeamShare ns/admins); also …", or why nothing justifies the member.</param>
/// <param name="Paths">Each path in full (share → team ← IdP group, binding, IdP), " | "-separated.</param>
/// <param name="Managed">The operator provisioned the member (app marker or the hub's ledger).</param>
/// <param name="KnownSince">Since when the operator has known the member (RFC 3339), from the hub's ledger; "" when not recorded.</param>
internal sealed record ReportRow(string Hub, string Email, string State, string Role, string NativeRole, string Assets, string Justification, string Paths, bool Managed, string KnownSince);

/// <summary>The report of one hub: its rows, or why its members are unknown.</summary>
internal sealed record HubReport(string Hub, string Connector, string? Unknown, IReadOnlyList<ReportRow> Rows);

/// <summary>Builds the audit report rows: every member of each hub's app, and everyone entitled who is not in it yet.</summary>
internal static class ReportRows
{
    public static HubReport Build(PlanInputs inputs, AccessComputation access, string hubKey)
    {
        var hub = inputs.HubOf(hubKey)!;
        var connector = System.Text.Json.JsonSerializer.Serialize(hub.Spec.Connector.Type).Trim('"');
        if (inputs.Unknown.TryGetValue(hubKey, out var why))
        {
            return new HubReport(hubKey, connector, why, []);
        }

        var model = access.Hub(hubKey);
        var desired = access.Desired(hubKey);
        var since = inputs.Since.GetValueOrDefault(hubKey) ?? new Dictionary<string, DateTimeOffset>();
        var app = inputs.Apps.GetValueOrDefault(hubKey);
        var rows = new List<ReportRow>();
        var keys = (app?.Members.Keys ?? []).Union(desired.Members.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var member = desired.Members.GetValueOrDefault(key);
            var actual = app?.Members.GetValueOrDefault(key);
            var grants = member?.Grants.OrderBy(g => model.Role(g.Role)?.Rank ?? int.MaxValue).ThenBy(g => g.Origin.ToString(), StringComparer.Ordinal).ToList() ?? [];
            var entitled = Entitled.Of(model, grants);
            var email = actual?.Email ?? member!.Email;
            var justification = grants.Count > 0
                ? string.Join("; also ", grants.Take(2).Select(g => $"{g.Role} via {g.Describe()}")) + string.Concat(grants.Skip(2).Select(g => $"; {g.Role} via {g.Describe()}"))
                : desired.Inactive.TryGetValue(key, out var inactive) ? $"none: {inactive}"
                : actual is { Managed: true } ? "none: no share justifies this member any more (plan removes them, or the guard holds it)"
                : "none: not justified by any share and not provisioned by the operator (drift)";
            var paths = string.Join(" | ", ExplainBuilder.Paths(inputs, key, email, grants, null, null).Select(p => p.Chain));
            var known = since.TryGetValue(key, out var at) ? at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
            rows.Add(actual is not null
                ? new ReportRow(hubKey, email, actual.State.ToString().ToLowerInvariant(), model.RoleForNative(actual.NativeRole)?.Name ?? "", actual.NativeRole ?? "",
                    string.Join(", ", actual.Assets.Select(a => $"{new AssetRef(a.Kind, a.Id)} {string.Join('+', a.Tasks.Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal)),
                    justification, paths, actual.Managed, known)
                : new ReportRow(hubKey, email, app is null ? "app not read" : "not in the app yet", entitled.Role?.Name ?? "", entitled.Role?.NativeRole ?? "",
                    entitled.Assets.Count == 0 ? "" : entitled.AssetText, justification, paths, false, known));
        }

        return new HubReport(hubKey, connector, null, rows);
    }
}
