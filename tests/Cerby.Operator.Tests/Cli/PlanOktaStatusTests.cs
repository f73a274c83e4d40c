using System.Text.Json.Nodes;

namespace Cerby.Operator.Tests.Cli;

/// <summary><c>plan</c> maps Okta user statuses with the operator's own mapping, so the two never disagree on who holds access.</summary>
public sealed class PlanOktaStatusTests : IDisposable
{
    private readonly TempManifests _suspended = new();
    private readonly TempManifests _unknown = new();

    public void Dispose()
    {
        _suspended.Dispose();
        _unknown.Dispose();
    }

    [Fact]
    public void A_status_okta_does_not_document_is_planned_as_the_operator_treats_it_suspended_with_a_warning()
    {
        foreach (var (folder, status) in new[] { (_suspended, "SUSPENDED"), (_unknown, "FROZEN") })
        {
            folder.WithExample("001-provision");
            var snapshot = Path.Combine(folder.Path, "okta-snapshot.yaml");
            var text = File.ReadAllText(snapshot);
            var first = text.IndexOf("status: ACTIVE", StringComparison.Ordinal);
            File.WriteAllText(snapshot, string.Concat(text.AsSpan(0, first), $"status: {status}", text.AsSpan(first + "status: ACTIVE".Length)));
        }

        var suspended = CliResult.Plan(_suspended.Path, "-o", "json");
        var unknown = CliResult.Plan(_unknown.Path, "-o", "json");

        Assert.True(unknown.ExitCode == 0, unknown.Stderr);
        var (expected, actual) = (JsonNode.Parse(suspended.Stdout)!, JsonNode.Parse(unknown.Stdout)!);
        Assert.Equal(expected["hubs"]!.ToJsonString(), actual["hubs"]!.ToJsonString());
        Assert.Contains(actual["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("has status \"FROZEN\", which Okta does not document: treated as SUSPENDED", StringComparison.Ordinal));
        Assert.Contains(actual["hubs"]![0]!["changes"]!.AsArray().Concat(actual["hubs"]![0]!["heldRemovals"]?["changes"]?.AsArray() ?? []),
            c => c!["user"]!.GetValue<string>() == "alice.admin@acme.example");
    }
}
