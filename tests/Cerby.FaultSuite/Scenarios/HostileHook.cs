using System.Text;
using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// An authorised Okta Event Hook delivery carrying empty events, <c>{"data":{"events":[{}]}}</c>, sent three times.
/// It may be refused, but must not send the watcher into a loop of failures and full reads (GET /api/v1/users, counted
/// by the proxy in front of Okta), nor stop later changes: gina leaving the group must still remove her.
/// </summary>
internal sealed class HostileHook() : Scenario("hostile-hook", "7. an empty Event Hook event loops the watcher through full reads")
{
    private const string Ns = "hook";
    private const int Deliveries = 3;

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var okta = await world.StartOktaAsync(cancellationToken);
        var app = await world.StartScimAppAsync();
        var proxy = await world.StartProxyAsync(okta.OrgUrl, cancellationToken);
        var hookAuthorization = world.NewSecret("hook");
        var (group, users) = Stages.OktaGroup(okta.Org, "Hooked", ["frank@acme.test", "gina@acme.test"]);
        await world.ApplyAsync(Stages.OktaAndScimHub(Ns, proxy.Url.ToString(), okta, app.Server.ScimUrl, app, poll: "2s", hookAuthorization: hookAuthorization)
            + Manifests.Binding(Ns, "hooked", "Hooked", "okta") + Manifests.TeamShare(Ns, "hooked", "app", "Editor", "hooked"), cancellationToken);
        var op = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        string[] people = ["frank@acme.test", "gina@acme.test"];
        await UntilAsync(async ct => (await Stages.SeatedAsync(app, people, ct)).Count == 2, Converge, "frank and gina seated", cancellationToken);

        var hookUrl = new Uri(op.Url, $"/idp/{Ns}/okta/okta/events");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await UntilAsync(async ct => await VerifiesAsync(http, hookUrl, hookAuthorization, ct), Converge, "the Event Hook URL verifies", cancellationToken);
        var before = FullReads(proxy);
        var logBefore = world.OperatorOutput().Length;
        var statuses = new List<int>();
        for (var i = 0; i < Deliveries; i++)
        {
            using var delivery = new HttpRequestMessage(HttpMethod.Post, hookUrl) { Content = new StringContent("""{"data":{"events":[{}]}}""", Encoding.UTF8, "application/json") };
            delivery.Headers.TryAddWithoutValidation("Authorization", hookAuthorization);
            using var answer = await http.SendAsync(delivery, cancellationToken);
            statuses.Add((int)answer.StatusCode);
        }

        result.FaultsInjected = Deliveries;
        // From here Okta delivers to the hook as a real org does: with Event Hooks configured they carry the latency, and
        // the System Log poll is only the (slower) safety net.
        await UntilAsync(async ct => await okta.EventHooks.RegisterAsync(hookUrl, hookAuthorization, ct), Converge, "the emulator delivers to the hook", cancellationToken);
        okta.Org.RemoveFromGroup(group, users["gina@acme.test"]);
        await WithinAsync(async ct => !(await Stages.SeatedAsync(app, people, ct)).Contains("gina@acme.test"), ActDeadline, cancellationToken);
        // A loop shows within a few retries: wait (bounded) for a third extra full read, which a sound operator never makes.
        await WithinAsync(_ => Task.FromResult(FullReads(proxy) - before >= 3), TimeSpan.FromSeconds(8), cancellationToken);

        var seated = await Stages.SeatedAsync(app, people, cancellationToken);
        result.AccessLeftBehind = seated.Contains("gina@acme.test") ? 1 : 0;
        result.WrongRemovals = seated.Contains("frank@acme.test") ? 0 : 1;
        result.ExtraReads = FullReads(proxy) - before;
        var failures = world.OperatorOutput()[logBefore..].Split('\n').Count(l => l.StartsWith("fail", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        result.Note($"deliveries answered {string.Join(", ", statuses)}; {failures} failure or exception lines in the operator's output after them");
        Stages.Alive(op, "op");
    }

    /// <summary>Full reads of the Okta directory: the unfiltered user list.</summary>
    private static int FullReads(Proxy.HttpFaultProxy proxy) => proxy.Requests.Count(r => r.Method == "GET" && r.Path == "/api/v1/users" && !r.Query.Contains("search", StringComparison.Ordinal));

    private static async Task<bool> VerifiesAsync(HttpClient http, Uri url, string authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Add("X-Okta-Verification-Challenge", "fault-suite");
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
