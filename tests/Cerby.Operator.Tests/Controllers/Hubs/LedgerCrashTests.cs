using Cerby.Operator.Connectors;
using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Tests.Planning;
using Cerby.Operator.Tests.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Tests.Controllers.Hubs;

/// <summary>
/// Issue 12: a Meta hub's ledger (who the operator added) must hold every person whose write went out, even when the
/// process dies in the middle of an apply or an answer is lost; otherwise those people keep their seat after their
/// share is deleted, since the operator removes only the members it added.
/// </summary>
public sealed class LedgerCrashTests : IAsyncLifetime
{
    private const string HubName = "hub";
    private TestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task A_crash_mid_apply_leaves_every_invitee_whose_write_was_sent_in_the_ledger_and_nobody_keeps_access_after_the_share_goes()
    {
        var hub = await CreateHubAsync();
        var users = Enumerable.Range(0, 200).Select(i => $"u{i:D3}").ToArray();
        var plan = World(users, shared: true).Plan();
        Assert.Equal(200, plan.Changes.Count(c => c.Kind == AccessChangeKind.Add));
        var app = new CrashingApp(crashOnCall: 133);

        // The process dies right after the 133rd write went out: nothing after it runs, no finally saves anything.
        var ledger = await ManagedLedger.LoadAsync(cluster.Client, TestCluster.Namespace, HubName, CancellationToken.None);
        await Assert.ThrowsAsync<ProcessKilled>(() => Applier().ApplyAsync(hub, Key, Connection(app), plan.Changes, ledger, CancellationToken.None));

        // After the restart the ledger holds all 133 people the app has.
        var reloaded = await ManagedLedger.LoadAsync(cluster.Client, TestCluster.Namespace, HubName, CancellationToken.None);
        Assert.Equal(133, app.Members.Count);
        Assert.Empty(app.Members.Keys.Except(reloaded.Keys));

        // The share is deleted: the next sync resolves the pending entries by the app's read and removes all 133.
        var actual = new ActualAccess(Key, app.Actual(reloaded.Keys));
        await Applier().ResolvePendingAsync(hub, Key, reloaded, actual, CancellationToken.None);
        await reloaded.SaveAsync(hub, CancellationToken.None);
        var unshared = World(users, shared: false);
        foreach (var member in actual.Members.Values)
        {
            unshared.InApp(member.Email.Split('@')[0], "EMPLOYEE", managed: reloaded.Keys.Contains(member.Key));
        }

        var removals = unshared.Plan().Changes.Where(c => c.Kind == AccessChangeKind.Remove).Select(c => c.UserKey).ToHashSet();
        Assert.Equal(app.Members.Keys.ToHashSet(), removals);
        var confirmed = await LoadAsync();
        Assert.Equal(app.Members.Keys.ToHashSet(), confirmed.Members.ToHashSet());
        Assert.Empty(confirmed.Pending.Keys.Intersect(app.Members.Keys)); // only the crashed batch's unsent changes wait out their grace
    }

    [Fact]
    public async Task The_change_in_flight_at_a_crash_gets_its_Event_on_the_next_sync()
    {
        var hub = await CreateHubAsync();
        var users = Enumerable.Range(0, 10).Select(i => $"u{i:D3}").ToArray();
        var app = new CrashingApp(crashOnCall: 4);
        var ledger = await LoadAsync();

        await Assert.ThrowsAsync<ProcessKilled>(() => Applier().ApplyAsync(hub, Key, Connection(app), World(users, shared: true).Plan().Changes, ledger, CancellationToken.None));
        var reloaded = await LoadAsync();
        await Applier().ResolvePendingAsync(hub, Key, reloaded, new ActualAccess(Key, app.Actual(reloaded.Keys)), CancellationToken.None);

        var events = (await cluster.Client.EventsV1.ListNamespacedEventAsync(TestCluster.Namespace)).Items;
        var provisioned = events.Where(e => e.Reason == "UserProvisioned").Select(e => e.Note).ToList();
        Assert.All(app.Members.Keys, user => Assert.Contains(provisioned, note => note.StartsWith(user, StringComparison.Ordinal)));
        Assert.Contains(provisioned, note => note.StartsWith("u003@example.com", StringComparison.Ordinal) && note.Contains("confirmed after restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_stays_in_the_ledger_until_a_read_decides()
    {
        var hub = await CreateHubAsync();
        var users = Enumerable.Range(0, 5).Select(i => $"u{i:D3}").ToArray();
        var app = new CrashingApp(crashOnCall: int.MaxValue) { LoseAnswers = true };

        var summary = await Applier().ApplyAsync(hub, Key, Connection(app), World(users, shared: true).Plan().Changes, await LoadAsync(), CancellationToken.None);

        Assert.True(summary.Failed.Count >= 1);
        var ledger = await LoadAsync();
        Assert.Empty(app.Members.Keys.Except(ledger.Keys));
        Assert.NotEmpty(app.Members);
    }

    private const string Key = TestCluster.Namespace + "/" + HubName;

    private static PlanningWorld World(string[] users, bool shared)
    {
        var world = new PlanningWorld().Hub(HubName).Users(users).Group("team", users);
        return shared ? world.TeamShare("share", "team", "Editor", HubName) : world;
    }

    private PlanApplier Applier() =>
        new(new EventRecorder(cluster.Client, new EventRecorderOptions { ReportingInstance = "test" }, TimeProvider.System, NullLogger<EventRecorder>.Instance), NullLogger<PlanApplier>.Instance);

    private Task<ManagedLedger> LoadAsync() => ManagedLedger.LoadAsync(cluster.Client, TestCluster.Namespace, HubName, CancellationToken.None);

    private static HubConnection Connection(IAppConnector app) => new(app, KeepsLedger: true, "meta");

    private async Task<BusinessHub> CreateHubAsync()
    {
        var hub = new BusinessHub
        {
            Metadata = new V1ObjectMeta { Name = HubName, NamespaceProperty = TestCluster.Namespace },
            Spec = new BusinessHubSpec
            {
                Connector = new HubConnector { Type = ConnectorType.Meta, BaseUrl = "https://graph.example.test", BusinessId = "1", CredentialsSecretRef = new() { Name = "meta" } },
                Roles = [.. PlanningWorld.DefaultRoles],
            },
        };
        return (await cluster.Client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<BusinessHub>(
            hub, ApiGroup.Group, ApiGroup.Version, TestCluster.Namespace, BusinessHub.Plural)).Body;
    }

    private sealed class ProcessKilled : Exception;

    /// <summary>A Meta-like app (it cannot mark who the operator added) whose process "dies" right after a write went out.</summary>
    private sealed class CrashingApp(int crashOnCall) : IAppConnector
    {
        private int calls;

        public Dictionary<string, string> Members { get; } = new(StringComparer.Ordinal);

        /// <summary>Every other write takes effect but its answer is lost.</summary>
        public bool LoseAnswers { get; init; }

        public Dictionary<string, ActualMember> Actual(IReadOnlySet<string> ledger) =>
            Members.ToDictionary(m => m.Key, m => new ActualMember(m.Key, m.Value, "id-" + m.Key, "EMPLOYEE", MemberState.Active, false, [], new Dictionary<string, string>()), StringComparer.Ordinal);

        public Task<ActualAccess> ReadAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken)
        {
            calls++;
            Members[change.UserKey] = change.Email; // the write reached the app
            if (calls == crashOnCall)
            {
                throw new ProcessKilled();
            }

            if (LoseAnswers && calls % 2 == 0)
            {
                throw new ConnectorException(ConnectorErrorKind.Unavailable, "POST: no answer within 30s", outcomeUnknown: true);
            }

            return Task.FromResult(new ApplyResult(ApplyOutcome.Applied, "POST", 1));
        }
    }
}
