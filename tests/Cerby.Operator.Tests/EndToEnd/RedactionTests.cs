using System.Text;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Issue 12: a peer that echoes the credential it was shown in its error body (a SCIM app's detail, Okta's
/// errorSummary) must not get it into an Event, a condition or a log line: every value read from a Secret is redacted
/// from everything the operator writes.
/// </summary>
public sealed class RedactionTests : EndToEndTest
{
    private const string Ns = "e2e-redaction";

    [Fact]
    public async Task A_SCIM_app_echoing_the_bearer_token_in_its_error_leaves_no_token_in_events_conditions_or_logs()
    {
        var org = Sandbox.Org;
        org.AddToGroup(org.CreateGroup("Legal"), org.CreateUser("tess@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "legal", "Legal") + OperatorSandbox.Share(Ns, "legal", "Viewer", team: "legal"));
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("tess@acme.test"), "tess provisioned");
        // The sync that provisioned tess reads her back; the one-shot fault is for the forced sync's read, not that one.
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && Reason(h, "Synced") == "InSync", "the sync after provisioning confirmed it");

        using (var admin = new HttpClient { BaseAddress = new Uri(Sandbox.Scim.BaseUrl + "/admin/") })
        {
            var body = $$$"""{"kind":"status","method":"GET","path":"/Users","times":1,"status":401,"body":{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401","detail":"token Bearer {{{Sandbox.ScimToken}}} is not valid"}}""";
            using var response = await admin.PostAsync("faults", new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }

        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.RequestSync}=echo", "--overwrite");
        var hub = await Sandbox.WaitForHubAsync(Ns, h => Reason(h, "Ready") == "AppReadFailed", "Ready=False AppReadFailed");

        Assert.Contains("is not valid", hub.Status!.Conditions.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
        await WaitForEventAsync(Ns, "AppReadFailed", "is not valid");
        await AssertNoSecretAsync(Sandbox.ScimToken);
    }

    [Fact]
    public async Task Okta_echoing_the_api_token_in_its_error_leaves_no_token_in_conditions_events_or_logs()
    {
        var org = Sandbox.Org;
        org.AddToGroup(org.CreateGroup("Legal"), org.CreateUser("tess@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "legal", "Legal") + OperatorSandbox.Share(Ns, "legal", "Viewer", team: "legal"));
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("tess@acme.test"), "tess provisioned");

        Sandbox.Okta.Faults.EchoCredentialsInErrors = true;
        Sandbox.Okta.Faults.Fail(times: 3, status: 403, pathContains: "/logs");
        await Eventually.TrueAsync(() => Sandbox.Logs.Log.Lines.Any(l => l.Contains("Request failed for credentials", StringComparison.Ordinal)), "the failed poll logged");

        await AssertNoSecretAsync(Sandbox.Okta.ApiToken);
    }

    private async Task AssertNoSecretAsync(string secret)
    {
        var everything = string.Join("\n",
            await Sandbox.KubectlAsync("get", "businesshubs,teamshares,idpgroupbindings,identityproviders", "-n", Ns, "-o", "yaml"),
            await Sandbox.KubectlAsync("get", "events", "-n", Ns, "-o", "yaml"),
            await Sandbox.MetricsAsync(),
            string.Join("\n", Sandbox.Logs.Log.Lines));
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
    }
}
