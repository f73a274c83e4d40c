using Cerby.Operator.Resources;
using Cerby.Operator.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Controllers.IdentityProviders;

/// <summary>An IdentityProvider that cannot start (its Secret is missing) is retried every 30 s, not in a hot loop.</summary>
public sealed class IdentityProviderRetryTests(ITestOutputHelper output) : EndToEndTest
{
    private const string Ns = "e2e-idp-retry";

    [Fact]
    public async Task A_missing_credentials_secret_is_retried_at_the_asked_pace_not_reconciled_in_a_loop()
    {
        Sandbox.Org.CreateGroup("Ops");
        var manifests = Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops") + OperatorSandbox.Binding(Ns, "leads", "Leads")
            + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops");
        await Sandbox.ApplyAsync(string.Join("---", manifests.Split("---").Where(doc => !doc.Contains("name: okta-api-token\n  namespace", StringComparison.Ordinal))));
        await Eventually.TrueAsync(async () => (await Sandbox.GetAsync<IdentityProvider>(Ns, IdentityProvider.Plural, "okta")).Status?.Conditions
            .Any(c => c.Type == "Ready" && c.Reason == "CredentialsMissing") == true, "IdentityProvider Ready=False CredentialsMissing");
        await WaitForEventAsync(Ns, "CredentialsMissing", "okta-api-token");

        // A measuring window, not a wait for a state: how much work does the operator do while nothing changes?
        var requestsBefore = Sandbox.Server.Requests.Count;
        var metricsBefore = await Sandbox.MetricsAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var metricsAfter = await Sandbox.MetricsAsync();
        var window = Sandbox.Server.Requests.Skip(requestsBefore).ToList();

        var idpReconciles = ReconcileCounts.Of(metricsAfter, "identityprovider") - ReconcileCounts.Of(metricsBefore, "identityprovider");
        var bindingReconciles = ReconcileCounts.Of(metricsAfter, "idpgroupbinding") - ReconcileCounts.Of(metricsBefore, "idpgroupbinding");
        var secretReads = window.Count(r => r.Resource == "secrets" && r.Name == "okta-api-token");
        var eventWrites = window.Count(r => r.Resource == "events" && r.Verb is not ("get" or "list" or "watch"));
        var summary = $"in 3 s: {idpReconciles} IdentityProvider and {bindingReconciles} IdpGroupBinding reconciles, {secretReads} Secret reads, {eventWrites} Event writes, {window.Count} API requests";
        output.WriteLine(summary);
        Assert.True(idpReconciles <= 2, summary);
        Assert.True(bindingReconciles <= 4, summary);
        Assert.True(secretReads <= 2, summary);
        Assert.True(eventWrites <= 4, summary);
    }
}
