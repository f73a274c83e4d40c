using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using k8s.Models;

namespace Cerby.Operator.Tests.Controllers.IdentityProviders;

/// <summary>An IdentityProvider's pure decision as a table of named cases: its watcher, status, Events and requeue.</summary>
public sealed class IdentityProviderDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <param name="Watcher">"start", "stop" (not ready, or forgotten) or "" (left running).</param>
    /// <param name="Ready">"Status/Reason" of Ready; null when no status is written.</param>
    private sealed record Case(IdentityProviderInputs Inputs, string Watcher, string? Ready, string[] Events, string Result);

    private static readonly Dictionary<string, Case> Table = new()
    {
        ["deleted: stop its watcher and forget it"] = new(
            new(null, "default/okta"),
            "stop", null, [], "success"),

        ["no Secret: CredentialsMissing, what is known stays (stale), retried in 30 s"] = new(
            new(Idp(), "default/okta", SecretMissing: true),
            "stop", "False/CredentialsMissing", ["CredentialsMissing"], "requeue after 00:00:30"),

        ["new or changed spec: start the watcher, WatchStarted; first read running"] = new(
            new(Idp(), "default/okta", WatcherRunning: false, State: null),
            "start", "Unknown/Reading", ["WatchStarted"], "success"),

        ["watcher running, IdP answers: Ready"] = new(
            new(Idp(), "default/okta", WatcherRunning: true, State: State(problem: null)),
            "", "True/Reading", [], "success"),

        ["watcher running, IdP unreachable: not Ready, nobody loses access"] = new(
            new(Idp(), "default/okta", WatcherRunning: true, State: State(problem: "HTTP 503")),
            "", "False/Unreachable", [], "success"),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string name)
    {
        var test = Table[name];

        var decision = IdentityProviderDecision.Decide(test.Inputs, Now);

        Assert.Equal(test.Watcher, decision.StartWatcher ? "start" : decision.Forget || decision.NotReady is not null ? "stop" : "");
        var ready = decision.Status?.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(test.Ready, ready is null ? null : $"{ready.Status}/{ready.Reason}");
        Assert.Equal(test.Events, decision.Events.Select(e => e.Reason));
        Assert.Equal(test.Result, decision.Result.ToString());
    }

    [Fact]
    public void An_unusable_configuration_is_not_ready_with_a_warning_and_retried_in_30_s()
    {
        var decision = IdentityProviderDecision.Unusable(Idp(), "InvalidConfiguration", "the Secret has no apiToken key", Now);

        Assert.Equal("the Secret has no apiToken key", decision.NotReady);
        Assert.True(Assert.Single(decision.Events).Warning);
        Assert.Equal(("False", "InvalidConfiguration"), decision.Status!.Conditions.Where(c => c.Type == "Synced").Select(c => (c.Status.ToString(), c.Reason)).Single());
        Assert.Equal("requeue after 00:00:30", decision.Result.ToString());
    }

    private static IdentityProvider Idp() => new()
    {
        Metadata = new V1ObjectMeta { Name = "okta", NamespaceProperty = "default", Generation = 1 },
        Spec = new IdentityProviderSpec { Type = IdentityProviderType.Okta, Okta = new OktaSettings { OrgUrl = "https://example.okta.com" }, CredentialsSecretRef = new() { Name = "okta" } },
    };

    private static IdpState State(string? problem) =>
        new(new IdpDirectory("default/okta", true, new Dictionary<string, IdpUser>(), new Dictionary<string, IdpGroup>(), true, []), [], Now, Now, problem);
}
