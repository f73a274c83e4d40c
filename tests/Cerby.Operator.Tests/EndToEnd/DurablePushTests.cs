using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Hosting;
using Cerby.Operator.Tests.Charts;
using Cerby.Operator.Tests.Identity.Scim;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Offboarding that survives production: with the chart's replicas behind a Service, a push reaching any replica is
/// kept and reaches the leader; a restart or a failover loses nothing an IdP pushed, keeps the SCIM ids the IdP
/// addresses its change-only pushes to, and changes nobody's access by itself.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DurablePushTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string IdpKey = ReplicatedOperator.Ns + "/pushed";

    [Fact]
    public async Task Twenty_pushes_round_robin_to_leader_and_standby_are_all_accepted_and_reach_the_leaders_model()
    {
        await using var cluster = await ReplicatedOperator.StartAsync();
        var first = await cluster.StartReplicaAsync();
        var leader = await cluster.LeaderAsync();
        var standby = await cluster.StartReplicaAsync();
        await cluster.ApplyBasicsAsync();
        using var toLeader = leader.Scim();
        using var toStandby = standby.Scim();
        HttpClient[] service = [toLeader, toStandby];
        foreach (var replica in service)
        {
            await Eventually.TrueAsync(async () => (await ScimPush.TrySendAsync(replica, HttpMethod.Get, "ServiceProviderConfig")).Status == 200,
                $"{replica.BaseAddress} serves the IdentityProvider's SCIM endpoint");
        }

        Assert.Equal(200, await standby.ReadyzAsync()); // a standby that accepts pushes is ready
        Assert.False(standby.IsLeader);

        var accepted = 0;
        var next = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpClient Next() => service[next++ % 2];
        var group = await ScimPush.CreateAsync(Next(), "Groups", ScimRequests.OktaCreateGroup("Support"));
        accepted++;
        var users = new List<(string Id, string Email)>();
        for (var i = 0; i < 10; i++)
        {
            var email = $"user{i}@acme.test";
            users.Add((await ScimPush.CreateAsync(Next(), "Users", ScimRequests.OktaCreateUser(email, "User", $"N{i}", $"00u{i}")), email));
            accepted++;
        }

        foreach (var user in users.Take(9))
        {
            await ScimPush.SendAsync(Next(), HttpMethod.Patch, $"Groups/{group}", ScimRequests.OktaGroupMembers([], [user]));
            accepted++;
        }

        Assert.Equal(20, accepted);
        output.WriteLine($"20 pushes, each stored durably before its answer, alternating leader and standby: {clock.ElapsedMilliseconds} ms ({clock.ElapsedMilliseconds / 20.0:F0} ms per push)");
        clock.Restart();
        await Eventually.TrueAsync(async () => await Task.FromResult(leader.Identity.Get(IdpKey)) is { } state && state.Directory.Users.Count == 10
                && state.Directory.Groups.Values.SingleOrDefault(g => g.DisplayName == "Support") is { State: MembershipState.Known, MemberIds.Count: 9 },
            () => $"the leader's identity cache holds the 10 users and 9 members; it has {leader.Identity.Get(IdpKey)?.Directory.Users.Count} users, groups "
                + string.Join(", ", leader.Identity.Get(IdpKey)?.Directory.Groups.Values.Select(g => $"{g.DisplayName}:{g.State}:{g.MemberIds.Count}") ?? []),
            TimeSpan.FromSeconds(30));
        output.WriteLine($"the leader's identity cache held all of them {clock.ElapsedMilliseconds} ms after the last answer");
        var seats = await cluster.WaitForSeatsAsync(s => s.Count == 9, "the 9 pushed members have seats");
        Assert.All(seats.Values, role => Assert.Equal("viewer", role));
        Assert.Same(first, leader);
    }

    [Fact]
    public async Task A_restart_keeps_pushed_users_groups_and_their_ids_changes_no_access_and_takes_change_only_pushes()
    {
        await using var cluster = await ReplicatedOperator.StartAsync();
        var before = await cluster.StartReplicaAsync();
        await cluster.ApplyBasicsAsync();
        using var idp = before.Scim();
        await Eventually.TrueAsync(async () => (await ScimPush.TrySendAsync(idp, HttpMethod.Get, "ServiceProviderConfig")).Status == 200, "the SCIM endpoint is served");
        var (ann, bob, cat) = (await CreateUserAsync(idp, "ann@acme.test"), await CreateUserAsync(idp, "bob@acme.test"), await CreateUserAsync(idp, "cat@acme.test"));
        var support = await ScimPush.CreateAsync(idp, "Groups", ScimRequests.OktaCreateGroup("Support"));
        var admins = await ScimPush.CreateAsync(idp, "Groups", ScimRequests.OktaCreateGroup("Admins"));
        await ScimPush.SendAsync(idp, HttpMethod.Patch, $"Groups/{support}", ScimRequests.OktaGroupMembers([], [(ann, "ann@acme.test"), (bob, "bob@acme.test"), (cat, "cat@acme.test")]));
        await ScimPush.SendAsync(idp, HttpMethod.Patch, $"Groups/{admins}", ScimRequests.OktaGroupMembers([], [(ann, "ann@acme.test")]));
        var expected = new Dictionary<string, string?> { ["ann@acme.test"] = "admin", ["bob@acme.test"] = "viewer", ["cat@acme.test"] = "viewer" };
        await cluster.WaitForSeatsAsync(s => Same(s, expected), "ann Admin, bob and cat Viewer");

        await before.StopAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        var after = await cluster.StartReplicaAsync();
        await cluster.LeaderAsync();
        using var again = after.Scim();

        // The IdP's view is back with the same ids, and the status says what is known.
        await Eventually.TrueAsync(async () => (await ScimPush.TrySendAsync(again, HttpMethod.Get, $"Users/{bob}")).Status == 200, "bob is still there under his id");
        Assert.Contains("\"userName\":\"bob@acme.test\"", (await ScimPush.TrySendAsync(again, HttpMethod.Get, $"Users/{bob}")).Body, StringComparison.Ordinal);
        IdentityProvider? status = null;
        await Eventually.TrueAsync(async () => (status = await GetAsync<IdentityProvider>(cluster, IdentityProvider.Plural, "pushed")).Status is { Users: 3 } s
                && s.Conditions.Any(c => c.Type == "Synced" && c.Status == ConditionStatus.True && c.Reason == "Pushed"),
            () => $"the IdentityProvider reports the 3 restored users; status {System.Text.Json.JsonSerializer.Serialize(status?.Status)}");

        // No access changes at restart: the hub syncs again and the app keeps exactly what it had.
        await Eventually.TrueAsync(async () => (await GetAsync<BusinessHub>(cluster, BusinessHub.Plural, OperatorSandbox.ScimHub)).Status?.LastSyncTime > restartedAt,
            "the hub synced after the restart", TimeSpan.FromSeconds(45));
        Assert.True(Same(await cluster.SeatsAsync(), expected), "the restart changed nobody's access");
        var events = await EventsAsync(cluster);
        Assert.DoesNotContain(events, e => e.EventTime > restartedAt && e.Reason is "RoleChanged" or "UserDeprovisioned" or "UserSuspended");

        // Okta's change-only pushes address the ids from before the restart.
        var (status1, body1) = await ScimPush.TrySendAsync(again, HttpMethod.Patch, $"Groups/{admins}", ScimRequests.OktaGroupMembers([ann], []));
        Assert.True(status1 == 204, $"PATCH of a group pushed before the restart: {status1} {body1}");
        await ScimPush.SendAsync(again, HttpMethod.Patch, $"Groups/{support}", ScimRequests.OktaGroupMembers([cat], []));
        await cluster.WaitForSeatsAsync(s => s.Count == 2 && s.GetValueOrDefault("ann@acme.test") == "viewer" && !s.ContainsKey("cat@acme.test"),
            "ann lowered to Viewer and cat removed by pushes after the restart");
        await Eventually.TrueAsync(async () => (await EventsAsync(cluster)).Any(e => e.Reason == "MemberLeft" && e.Note?.Contains("cat@acme.test", StringComparison.Ordinal) == true),
            "a MemberLeft Event names cat by email");

        // The durable store's Secrets (created, replaced, deleted by name) are allowed by the chart's RBAC.
        var secretCalls = cluster.Server.Requests.Where(r => r.Resource == "secrets" && r.UserAgent?.StartsWith(OperatorHost.UserAgentProduct + "/", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(secretCalls, r => r.Verb == "create");
        Assert.Contains(secretCalls, r => r.Verb == "update");
        Assert.Contains(secretCalls, r => r.Verb == "delete");
        Assert.DoesNotContain(secretCalls, r => r.Verb is "list" or "watch");
        var uncovered = RbacCoverage.Uncovered(secretCalls);
        Assert.True(uncovered.Count == 0, "the chart's RBAC does not allow: " + RbacCoverage.Describe(uncovered));
    }

    [Fact]
    public async Task A_new_leader_applies_a_role_lowering_that_was_pushed_to_the_standby()
    {
        await using var cluster = await ReplicatedOperator.StartAsync();
        var old = await cluster.StartReplicaAsync();
        await cluster.LeaderAsync();
        var standby = await cluster.StartReplicaAsync();
        await cluster.ApplyBasicsAsync();
        using var toOld = old.Scim();
        using var toStandby = standby.Scim();
        await Eventually.TrueAsync(async () => (await ScimPush.TrySendAsync(toStandby, HttpMethod.Get, "ServiceProviderConfig")).Status == 200, "the standby serves SCIM");
        var xena = await CreateUserAsync(toOld, "xena@acme.test");
        var support = await ScimPush.CreateAsync(toStandby, "Groups", ScimRequests.OktaCreateGroup("Support"));
        var admins = await ScimPush.CreateAsync(toOld, "Groups", ScimRequests.OktaCreateGroup("Admins"));
        await ScimPush.SendAsync(toStandby, HttpMethod.Patch, $"Groups/{support}", ScimRequests.OktaGroupMembers([], [(xena, "xena@acme.test")]));
        await ScimPush.SendAsync(toOld, HttpMethod.Patch, $"Groups/{admins}", ScimRequests.OktaGroupMembers([], [(xena, "xena@acme.test")]));
        await cluster.WaitForSeatsAsync(s => s.GetValueOrDefault("xena@acme.test") == "admin", "xena is Admin");

        await old.StopAsync(); // the leader goes away; the push lands on the remaining replica
        await ScimPush.SendAsync(toStandby, HttpMethod.Patch, $"Groups/{admins}", ScimRequests.OktaGroupMembers([xena], []));
        Assert.Same(standby, await cluster.LeaderAsync());
        await cluster.WaitForSeatsAsync(s => s.GetValueOrDefault("xena@acme.test") == "viewer", "the new leader lowered xena to Viewer", TimeSpan.FromSeconds(45));
    }

    private static async Task<string> CreateUserAsync(HttpClient idp, string email) =>
        await ScimPush.CreateAsync(idp, "Users", ScimRequests.OktaCreateUser(email, email.Split('@')[0], "Example", "00u" + email.Split('@')[0]));

    private static bool Same(IReadOnlyDictionary<string, string?> seats, Dictionary<string, string?> expected) =>
        seats.Count == expected.Count && expected.All(e => seats.TryGetValue(e.Key, out var role) && role == e.Value);

    private static async Task<T> GetAsync<T>(ReplicatedOperator cluster, string plural, string name) =>
        (await cluster.Client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(ApiGroup.Group, ApiGroup.Version, ReplicatedOperator.Ns, plural, name)).Body;

    private static async Task<IReadOnlyList<Eventsv1Event>> EventsAsync(ReplicatedOperator cluster) =>
        (await cluster.Client.EventsV1.ListNamespacedEventAsync(ReplicatedOperator.Ns)).Items.ToList();
}
