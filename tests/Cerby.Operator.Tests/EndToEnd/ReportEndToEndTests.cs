using k8s;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Issue 17: the operator's ledger records since when it has known each member, and <c>report --live</c> reads it back
/// from the cluster with the IdP and the app, through the operator's own sources and connectors.
/// </summary>
public sealed class ReportEndToEndTests : EndToEndTest
{
    private const string Ns = "e2e-report";

    [Fact]
    public async Task The_ledger_records_when_each_member_was_first_known_and_report_live_prints_it()
    {
        var org = Sandbox.Org;
        var editors = org.CreateGroup("Editors");
        org.AddToGroup(editors, org.CreateUser("bob@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "editors", "Editors") + OperatorSandbox.Share(Ns, "editors", "Editor", team: "editors"));
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("bob@acme.test"), "bob provisioned");

        await Eventually.TrueAsync(async () => (await Sandbox.Client.CoreV1.ReadNamespacedConfigMapAsync($"cerby-ledger-{OperatorSandbox.ScimHub}", Ns)).Data?.TryGetValue("since", out var since) == true
            && since.StartsWith("bob@acme.test\t", StringComparison.Ordinal), "the ledger knows bob since the sync that saw him in the app");
        var report = Cli.CliResult.Run("report", "--live", "--kubeconfig", Sandbox.Server.KubeconfigPath, "--hub", $"{Ns}/{OperatorSandbox.ScimHub}", "--format", "csv");

        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Matches($@"(?m)^{Ns}/scim-app,bob@acme\.test,active,Editor,editor,,Editor via team editors \(TeamShare {Ns}/editors\),.*,true,20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ\r?$", report.Stdout);
        Assert.DoesNotContain(Sandbox.ScimToken, report.Stdout + report.Stderr, StringComparison.Ordinal);
    }
}
