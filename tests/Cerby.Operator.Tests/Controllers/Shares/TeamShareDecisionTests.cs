using Cerby.Operator.Controllers.Shares;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using k8s.Models;

namespace Cerby.Operator.Tests.Controllers.Shares;

/// <summary>A share's pure decision as a table of named cases: what it shows, its finalizer, and when it looks again.</summary>
public sealed class TeamShareDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    /// <param name="Ready">"Status/Reason" of the share's Ready condition; null when no status is written.</param>
    /// <param name="Granted">status.grantedUsers (a deleting share keeps the last count); null when no status is written.</param>
    /// <param name="Finalizer">"add", "remove" or "" (left as it is).</param>
    /// <param name="HubEvent">The reason of a Warning recorded on the hub, or null.</param>
    private sealed record Case(TeamShareInputs Inputs, string? Ready, int? Granted, string Finalizer, string? HubEvent, string Result, string? MessageHas = null);

    private static readonly Dictionary<string, Case> Table = new()
    {
        ["granted: Ready with the count the hub's sync computed"] = new(
            Live(Hub(ready: true), granted: ["a", "b", "c"]),
            "True/Granted", 3, "add", null, "success", "to 3 users"),

        ["before the hub's first sync: the count shown stays"] = new(
            Live(Hub(ready: true), granted: null, shows: 7),
            "True/Granted", 7, "add", null, "success"),

        ["invalid share: degraded, its users keep their access"] = new(
            Live(Hub(ready: true), granted: [], problems: ["spec.role: Owner is not a role of hub hub"]),
            "False/InvalidShare", 0, "add", null, "success", "keep the access they have"),

        ["no hub: HubNotFound, nothing granted"] = new(
            Live(null, granted: null, shows: 4),
            "False/HubNotFound", 0, "add", null, "success", "BusinessHub default/hub does not exist"),

        ["hub not ready: HubNotReady with the hub's reason"] = new(
            Live(Hub(ready: false, message: "the app could not be read"), granted: ["a"]),
            "False/HubNotReady", 1, "add", null, "success", "the app could not be read"),

        ["problems read from a model being rebuilt: look again in 2 s"] = new(
            Live(Hub(ready: true), granted: ["a"]) with { ProblemsFresh = false },
            "True/Granted", 1, "add", null, "requeue after 00:00:02"),

        ["gone: forget it"] = new(
            new TeamShareInputs(null, null, "default/ops"),
            null, null, "", null, "success"),

        ["deleted, no sync since: waits, checks again in 10 s"] = new(
            Deleted(Hub(ready: true, lastSync: Now.AddMinutes(-1)), seen: Now.AddSeconds(-5)),
            "False/Deleting", 2, "", null, "requeue after 00:00:10", "no sync of the hub has completed since the deletion"),

        ["deleted, grace almost over: checks again just after it ends"] = new(
            Deleted(Hub(ready: true, lastSync: Now.AddMinutes(-10)), seen: Now - Grace + TimeSpan.FromSeconds(3)),
            "False/Deleting", 2, "", null, "requeue after 00:00:03.1000000"),

        ["deleted, the hub synced without it: released"] = new(
            Deleted(Hub(ready: true, synced: true, lastSync: Now), seen: Now.AddSeconds(-5)),
            null, null, "remove", null, "success"),

        ["deleted, grace over and the hub still holds removals: released with a Warning on the hub"] = new(
            Deleted(Hub(ready: true, held: true, lastSync: Now), seen: Now - Grace),
            null, null, "remove", "DeletionUnconfirmed", "success"),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string name)
    {
        var test = Table[name];

        var decision = TeamShareDecision.Decide(test.Inputs, Now);

        Assert.Equal(test.Result, decision.Result.ToString());
        Assert.Equal(test.Finalizer, decision.AddFinalizer ? "add" : decision.RemoveFinalizer ? "remove" : "");
        Assert.Equal(test.HubEvent, decision.HubEvent?.Reason);
        Assert.Equal(test.Granted, decision.Status?.GrantedUsers);
        var ready = decision.Status?.Conditions.SingleOrDefault(c => c.Type == "Ready");
        Assert.Equal(test.Ready, ready is null ? null : $"{ready.Status}/{ready.Reason}");
        if (test.MessageHas is { } words)
        {
            Assert.Contains(words, ready?.Message ?? decision.HubEvent?.Note ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_live_share_remembers_the_users_it_grants_for_its_deletion_and_only_when_they_are_known()
    {
        Assert.Equal(["a", "b"], TeamShareDecision.Decide(Live(Hub(ready: true), granted: ["a", "b"]), Now).RememberGranted);
        Assert.Null(TeamShareDecision.Decide(Live(Hub(ready: true), granted: null), Now).RememberGranted);
    }

    private static TeamShareInputs Live(BusinessHub? hub, IReadOnlyList<string>? granted, IReadOnlyList<string>? problems = null, int shows = 0) =>
        new(Share(shows, deleting: false), hub, "default/ops", problems ?? [], true, granted, Grace: Grace);

    private static TeamShareInputs Deleted(BusinessHub hub, DateTimeOffset seen) =>
        new(Share(2, deleting: true), hub, "default/ops", DeletionSeen: seen, FormerUsers: ["a", "b"], WaitingUsers: [], Grace: Grace);

    private static TeamShare Share(int shows, bool deleting) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "ops",
            NamespaceProperty = "default",
            Generation = 2,
            DeletionTimestamp = deleting ? Now.UtcDateTime.AddMinutes(-1) : null,
            Finalizers = deleting ? [Finalizers.Cleanup] : null,
        },
        Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = "ops" }, Role = "Viewer" },
        Status = new TeamShareStatus { GrantedUsers = shows },
    };

    private static BusinessHub Hub(bool ready, string message = "read 3 members from the app", bool synced = false, bool held = false, DateTimeOffset? lastSync = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "hub", NamespaceProperty = "default", Generation = 1 },
        Spec = new BusinessHubSpec(),
        Status = new BusinessHubStatus
        {
            LastSyncTime = lastSync,
            Conditions =
            [
                new Condition { Type = "Ready", Status = ready ? ConditionStatus.True : ConditionStatus.False, Reason = ready ? "Synced" : "AppReadFailed", Message = message },
                new Condition { Type = "Synced", Status = synced ? ConditionStatus.True : ConditionStatus.False, Reason = "x", Message = "x" },
                new Condition { Type = "RemovalsHeld", Status = held ? ConditionStatus.True : ConditionStatus.False, Reason = "x", Message = "x" },
            ],
        },
    };
}
