using System.Text.Json.Nodes;
using Cerby.FaultSuite.Proxy;
using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// Apps and IdPs that echo the caller's credential in an error body: the SCIM app refuses every create with a 400 whose
/// detail quotes the bearer token, and Okta (through the proxy) answers the System Log poll with a 401 whose summary
/// quotes the API token. Once the operator has reported both, Events, status and its output are searched for them
/// (the scan every scenario ends with).
/// </summary>
internal sealed class SecretEcho() : Scenario("secret-echo", "8. credentials echoed in error bodies reach Events, status and logs")
{
    private const string Ns = "echo";

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var okta = await world.StartOktaAsync(cancellationToken);
        var app = await world.StartScimAppAsync();
        var proxy = await world.StartProxyAsync(okta.OrgUrl, cancellationToken);
        Stages.OktaGroup(okta.Org, "Echo", ["hal@acme.test"]);
        var scimError = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:Error"),
            ["status"] = "400",
            ["detail"] = $"Authorization 'Bearer {app.Token}' may not create users",
        };
        await app.AddFaultAsync(new JsonObject { ["kind"] = "status", ["method"] = "POST", ["path"] = "/Users", ["times"] = 1000, ["status"] = 400, ["body"] = scimError }.ToJsonString(), cancellationToken);
        await world.ApplyAsync(Stages.OktaAndScimHub(Ns, proxy.Url.ToString(), okta, app.Server.ScimUrl, app)
            + Manifests.Binding(Ns, "echo", "Echo", "okta") + Manifests.TeamShare(Ns, "echo", "app", "Editor", "echo"), cancellationToken);
        var op = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        await UntilAsync(async ct => (await world.KubectlAsync(ct, "get", "events", "-n", Ns, "-o", "json")).Contains("ApplyFailed", StringComparison.Ordinal),
            Converge, "the refused create is reported (an ApplyFailed Event)", cancellationToken);

        var oktaError = new JsonObject
        {
            ["errorCode"] = "E0000011",
            ["errorSummary"] = $"Invalid token provided: SSWS {okta.ApiToken}",
            ["errorLink"] = "E0000011",
            ["errorId"] = "oaefaultsuite",
            ["errorCauses"] = new JsonArray(),
        }.ToJsonString();
        var polls = proxy.Requests.Count;
        proxy.Decide = r => r.Path.StartsWith("/api/v1/", StringComparison.Ordinal) ? ProxyAction.Answer(401, oktaError) : ProxyAction.Forward;
        var reported = await WithinAsync(async ct => proxy.Requests.Count > polls + 2 && IdpReportsFailure(await world.KubectlAsync(ct, "get", "identityprovider", "okta", "-n", Ns, "-o", "json")),
            ActDeadline, cancellationToken);
        result.FaultsInjected = 2;
        result.Note(reported ? "the IdentityProvider reports the refused poll" : "the IdentityProvider did not report the refused poll within the deadline");
        Stages.Alive(op, "op");
    }

    private static bool IdpReportsFailure(string json) =>
        JsonNode.Parse(json)?["status"]?["conditions"]?.AsArray().Any(c =>
            (c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "False")
            || (c?["type"]?.GetValue<string>() is "IdpStale" or "Degraded" && c["status"]?.GetValue<string>() == "True")) == true;
}
