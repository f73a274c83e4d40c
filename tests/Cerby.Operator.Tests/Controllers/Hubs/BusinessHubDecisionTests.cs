using Cerby.Operator.Connectors;
using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Tests.Planning;
using k8s.Models;

namespace Cerby.Operator.Tests.Controllers.Hubs;

/// <summary>
/// The hub's pure decision, as a table of named cases (cert-manager's shape): gathered inputs in, then the conditions,
/// Events, changes to apply and requeue that come out. No API server, no app, no clock.
/// </summary>
public sealed class BusinessHubDecisionTests
{
    private const string HubKey = "default/hub";
    private static readonly DateTimeOffset Now = PlanningWorld.Now;

    /// <param name="Conditions">Expected conditions, each "Type=Status/Reason".</param>
    /// <param name="Events">Expected Warning Event reasons, in order.</param>
    /// <param name="Apply">How many changes the act step is told to apply.</param>
    /// <param name="Result">The reconcile result as it prints ("requeue after 00:00:30", "success, resync after 00:00:01", "terminal: …").</param>
    private sealed record Case(Func<HubInputs> Inputs, ApplySummary? Applied, string[] Conditions, string[] Events, int Apply, string Result, Action<HubDecision>? Also = null);

    private static readonly Dictionary<string, Case> Table = new()
    {
        ["paused hub: Synced Unknown, no read, no Event, no requeue"] = new(
            () => Read(World(), Policy() with { Paused = true }),
            null, ["Ready=False/Paused", "Synced=Unknown/Paused"], [], 0, "success"),

        ["hub gone: forget it and change nothing in the app"] = new(
            () => new HubInputs(null, HubKey),
            null, [], [], 0, "success", d => Assert.True(d.Forget)),

        ["invalid hub spec: InvalidSpec, terminal until the spec changes"] = new(
            () => new HubInputs(Hub(Policy()), HubKey, Problems: ["spec.roles: at least one role"]),
            null, ["Ready=False/InvalidSpec", "Synced=False/InvalidSpec"], ["InvalidSpec"], 0, "terminal: spec.roles: at least one role"),

        ["no Secret: CredentialsMissing naming it, retried in 30 s"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice")) with { Actual = null, SecretMissing = true },
            null, ["Ready=False/CredentialsMissing", "Synced=False/CredentialsMissing"], ["CredentialsMissing"], 0, "requeue after 00:00:30",
            d => Assert.Contains("default/meta", d.Problem, StringComparison.Ordinal)),

        ["unreachable app is unknown, not empty: nothing planned or removed, retried in 30 s"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice").InApp("bob", "ADMIN")) with
            {
                Actual = null,
                ReadProblem = new ConnectorException(ConnectorErrorKind.Unavailable, "connection refused"),
            },
            null, ["Ready=False/AppReadFailed", "Synced=False/AppReadFailed"], ["AppReadFailed"], 0, "requeue after 00:00:30",
            d => Assert.Null(d.Plan)),

        ["reachable app: the grant is applied, verified in the same sync by a read of its member, next look at the resync interval"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice")),
            Applied(1), ["Ready=True/Synced", "Synced=True/ChangesApplied", "Drifted=False/NoDrift", "RemovalsHeld=False/NoneHeld", "IdpStale=False/MembershipKnown", "Degraded=False/AllSharesValid"],
            [], 1, "success, resync after 00:10:00"),

        ["kept app state: a grant goes out with no read of the app first"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice")) with { FromKeptState = true },
            Applied(1), ["Synced=True/ChangesApplied"], [], 1, "success, resync after 00:10:00",
            d => Assert.Empty(d.ToConfirm ?? [])),

        ["kept app state may be stale: a removal is not sent before a read of its member confirms it"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice").InApp("alice", "ANALYST").InApp("bob", "ADMIN")) with { FromKeptState = true },
            null, ["Ready=True/Synced"], [], 0, "success, resync after 00:00:01",
            d => Assert.Equal([PlanningWorld.Email("bob")], d.ToConfirm)),

        ["kept app state, member read this sync: the removal is sent"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice").InApp("alice", "ANALYST").InApp("bob", "ADMIN")) with
            {
                FromKeptState = true,
                Confirmed = new HashSet<string> { PlanningWorld.Email("bob") },
            },
            Applied(1), ["Synced=True/ChangesApplied"], [], 1, "success, resync after 00:10:00",
            d => Assert.Equal(AccessChangeKind.Remove, Assert.Single(d.ToApply).Kind)),

        ["in sync: nothing to apply, next look after the resync interval"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice").InApp("alice", "ANALYST"), Policy() with { ResyncInterval = "45s" }),
            null, ["Ready=True/Synced", "Synced=True/InSync"], [], 0, "success, resync after 00:00:45"),

        ["unparseable resync interval: ten minutes"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice").InApp("alice", "ANALYST"), Policy() with { ResyncInterval = "soon" }),
            null, ["Synced=True/InSync"], [], 0, "success, resync after 00:10:00"),

        ["held removals: RemovalsHeld with an Event, no removal applied"] = new(
            () => Read(World(Policy(maxRemovals: 1)).InApp("bob", "ADMIN").InApp("carl", "ADMIN").InApp("dina", "ADMIN"), Policy(maxRemovals: 1)),
            null, ["Synced=False/RemovalsHeld", "RemovalsHeld=True/RemovalGuard"], ["RemovalsHeld"], 0, "success, resync after 00:10:00",
            d => Assert.Equal(3, d.Plan!.HeldRemovals.Count)),

        ["invalid share: the hub is Degraded, not IdpStale, and its valid share still applies"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").TeamShare("bad", "ops", "Owner").Group("ops", "alice")),
            Applied(1), ["Ready=True/Synced", "Degraded=True/InvalidShares", "IdpStale=False/MembershipKnown"], [], 1, "success, resync after 00:10:00"),

        ["unknown team: IdpStale, and the member it could hold keeps her seat (withheld, said in an Event)"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", MembershipState.Unknown, null).InApp("alice", "ANALYST")),
            null, ["IdpStale=True/MembershipUnknown", "Synced=False/ChangesWithheld"], ["ChangesWithheld"], 0, "success, resync after 00:10:00",
            d => Assert.DoesNotContain(d.Plan!.Changes, c => c.Kind == AccessChangeKind.Remove)),

        ["failed change: ApplyFailed, retried in 30 s"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice")),
            Failed(), ["Ready=False/ApplyFailed", "Synced=False/ApplyFailed"], [], 1, "requeue after 00:00:30"),

        ["dry run: the plan is shown, nothing is applied"] = new(
            () => Read(World().Users("alice").TeamShare("ops", "ops", "Viewer").Group("ops", "alice"), Policy() with { DryRun = true }),
            null, ["Synced=False/DryRun"], [], 0, "success, resync after 00:10:00",
            d => Assert.Single(d.Plan!.Changes)),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string name)
    {
        var test = Table[name];
        var inputs = test.Inputs();
        var decision = BusinessHubDecision.Decide(inputs, Now);

        var (status, result) = decision.Status is { } early || decision.Forget
            ? (decision.Status, decision.Result!)
            : BusinessHubDecision.Report(inputs, decision, test.Applied, Now) is var report ? (report.Status, report.Result) : default;

        Assert.Equal(test.Result, result.ToString());
        Assert.Equal(test.Events, decision.Events.Select(e => e.Reason));
        Assert.All(decision.Events, e => Assert.True(e.Warning));
        Assert.Equal(test.Apply, decision.ToApply.Count);
        foreach (var expected in test.Conditions)
        {
            var type = expected[..expected.IndexOf('=', StringComparison.Ordinal)];
            var condition = Assert.Single(status!.Conditions, c => c.Type == type);
            Assert.Equal(expected, $"{type}={condition.Status}/{condition.Reason}");
            Assert.Equal(1, condition.ObservedGeneration);
        }

        test.Also?.Invoke(decision);
    }

    [Fact]
    public void Share_counts_come_from_one_pass_over_the_hubs_desired_access_and_only_shares_showing_another_count_are_refreshed()
    {
        var world = World().Users("alice", "bob", "carol").Group("ops", "alice", "bob").TeamShare("ops", "ops", "Viewer").UserShare("solo", PlanningWorld.Email("carol"), "Editor")
            .TeamShare("empty", "nobody", "Viewer").Group("nobody");
        var shares = new[] { Share("ops", shows: 2), Share("solo", shows: 0), Share("empty", shows: 3) };

        var decision = BusinessHubDecision.Decide(Read(world) with { Shares = shares }, Now);

        Assert.Equal(2, decision.Grants!["default/ops"].Count);
        Assert.Equal([PlanningWorld.Email("carol")], decision.Grants["default/solo"]);
        Assert.False(decision.Grants.ContainsKey("default/empty"));
        Assert.Equal([new ResourceKey("default", "solo"), new ResourceKey("default", "empty")], decision.SharesToRefresh);
    }

    [Fact]
    public void Share_counts_are_handed_on_even_when_the_sync_stops_early()
    {
        var world = World().Users("alice").Group("ops", "alice").TeamShare("ops", "ops", "Viewer");

        var paused = BusinessHubDecision.Decide(Read(world, Policy() with { Paused = true }) with { Shares = [Share("ops", shows: 0)] }, Now);
        var unreadable = BusinessHubDecision.Decide(Read(world) with { Actual = null, ReadProblem = new ConnectorException(ConnectorErrorKind.Throttled, "429") }, Now);

        Assert.Equal([new ResourceKey("default", "ops")], paused.SharesToRefresh);
        Assert.Single(unreadable.Grants!["default/ops"]);
    }

    private static HubPolicy Policy(int maxRemovals = 1000) => new() { RemovalGuard = new RemovalGuard { MaxRemovals = maxRemovals, MaxRemovalsPercent = 100 } };

    private static PlanningWorld World(HubPolicy? policy = null) => new PlanningWorld().Hub(policy: policy ?? Policy());

    private static BusinessHub Hub(HubPolicy policy) => new()
    {
        Metadata = new V1ObjectMeta { Name = "hub", NamespaceProperty = "default", Generation = 1 },
        Spec = new BusinessHubSpec
        {
            Connector = new HubConnector { Type = ConnectorType.Meta, BaseUrl = "https://graph.example.test", BusinessId = "1", CredentialsSecretRef = new() { Name = "meta" } },
            Roles = [.. PlanningWorld.DefaultRoles],
            Policy = policy,
        },
    };

    /// <summary>Inputs of a hub whose app was read: the world's model, desired access and app.</summary>
    private static HubInputs Read(PlanningWorld world, HubPolicy? policy = null)
    {
        var model = world.Model();
        return new HubInputs(Hub(policy ?? Policy()), HubKey, model.Hubs[HubKey], model.Desired(HubKey), [], [], Now, Actual: world.Actual());
    }

    private static TeamShare Share(string name, int shows) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Generation = 1 },
        Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Role = "Viewer" },
        Status = new TeamShareStatus { GrantedUsers = shows },
    };

    private static ApplySummary Applied(int count) => new(count, 0, [], 0, null);

    private static ApplySummary Failed() =>
        new(0, 0, [(new AccessChange(AccessChangeKind.Invite, "alice@example.com", "alice@example.com", null, "Viewer", "test", "ANALYST"), new ConnectorException(ConnectorErrorKind.Rejected, "no"))], 0, null);
}
