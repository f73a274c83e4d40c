using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>Could-not-read never becomes empty: failed reads leave membership unknown, and the planner then removes nobody.</summary>
public sealed class OktaUnknownIsNotEmptyTests
{
    [Fact]
    public async Task Group_whose_members_cannot_be_read_is_unknown_and_the_planner_withholds_removals()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var alice = okta.Org.CreateUser("alice@example.com");
        okta.Org.AddToGroup(editors, alice);
        okta.Org.CreateUser("bob@example.com");
        okta.Emulator.Faults.Fail(times: 100, status: 500, pathContains: $"/groups/{editors}/users");

        var read = await okta.ReadAsync(null, "Social Editors");

        var lookup = Assert.Single(read.Groups);
        Assert.Equal(GroupLookupOutcome.MembersUnreadable, lookup.Outcome);
        Assert.Contains("500", lookup.Problem);
        var group = read.Directory.Groups[editors];
        Assert.Equal(MembershipState.Unknown, group.State);
        Assert.Null(group.KnownAt);
        var plan = Plan(read.Directory, "alice", "bob");
        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == "alice@example.com");
        Assert.Contains("membership of team social-editors is unknown", plan.WithheldReason);
    }

    [Fact]
    public async Task A_group_read_empty_is_known_and_does_remove()
    {
        await using var okta = await OktaFixture.StartAsync();
        okta.Org.CreateGroup("Social Editors");
        okta.Org.CreateUser("alice@example.com");

        var read = await okta.ReadAsync(null, "Social Editors");

        Assert.Equal(MembershipState.Known, read.Directory.Groups.Values.Single().State);
        Plan(read.Directory, "alice").OnlyChanges((Remove, "alice"));
    }

    [Fact]
    public async Task Paging_loop_is_an_error_never_a_partial_list()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        for (var i = 0; i < 1_050; i++) // more than one page of group members (1,000) and of users (200)
        {
            okta.Org.AddToGroup(editors, okta.Org.CreateUser($"user{i:D4}@example.com"));
        }

        okta.Emulator.Faults.NextLinkLoop = true;
        var read = await okta.ReadAsync(null, "Social Editors");

        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[editors].State);
        Assert.Empty(read.Directory.Groups[editors].MemberIds);
        Assert.Contains("already read", read.Groups.Single().Problem);
        Assert.False(read.Directory.UsersKnown); // the user list loops too
    }

    [Fact]
    public async Task Invalid_token_leaves_everything_unknown_and_the_token_appears_nowhere()
    {
        const string secret = "00QCjAl4MlV-not-the-right-token";
        await using var okta = await OktaFixture.StartAsync(credentials: _ => OktaCredentials.ApiToken(secret));
        okta.Org.CreateGroup("Social Editors");
        var app = okta.Org.CreateApp("Cerby Meta");

        var read = await okta.ReadAsync(app, "Social Editors");

        Assert.False(read.Directory.UsersKnown);
        Assert.False(read.Directory.AssignmentsKnown);
        Assert.Equal(GroupLookupOutcome.LookupFailed, read.Groups.Single().Outcome);
        Assert.Contains("E0000011", read.UsersProblem);
        var everything = string.Join("\n", okta.Log.Lines.Append(read.UsersProblem).Append(read.AssignmentsProblem).Append(read.Groups.Single().Problem));
        Assert.DoesNotContain(secret, everything);
        Assert.DoesNotContain(okta.Emulator.ApiToken, everything);
        Assert.DoesNotContain(secret, OktaCredentials.ApiToken(secret).ToString());
    }

    [Fact]
    public async Task Org_that_refuses_connections_leaves_everything_unknown()
    {
        Uri gone;
        await using (var emulator = await Cerby.Emulators.Okta.OktaEmulator.StartAsync())
        {
            gone = emulator.OrgUrl;
        }

        var client = OktaClientFactory.Create(gone, OktaCredentials.ApiToken("unused"), TimeProvider.System, new CapturedLog(), new OktaRetryPolicy(FirstBackoff: TimeSpan.FromMilliseconds(1)));
        var reader = new OktaDirectoryReader(client, TimeProvider.System, new CapturedLog());

        var read = await reader.ReadAsync(OktaFixture.IdpKey, [new IdpGroupReference { Id = "00gsocialeditors0000" }], "0oaapp", CancellationToken.None);

        Assert.False(read.Directory.UsersKnown);
        Assert.False(read.Directory.AssignmentsKnown);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups["00gsocialeditors0000"].State);
        Assert.Contains("no answer from Okta", read.UsersProblem);
    }

    [Fact]
    public async Task Groups_not_found_or_ambiguous_are_reported_as_such()
    {
        await using var okta = await OktaFixture.StartAsync();
        var first = okta.Org.CreateGroup("Twins");
        var second = okta.Org.CreateGroup("Twins");

        var read = await okta.Reader.ReadAsync(OktaFixture.IdpKey,
            [new IdpGroupReference { DisplayName = "Nobody" }, new IdpGroupReference { Id = "00gmissing0000000000" }, new IdpGroupReference { DisplayName = "Twins" }],
            null, CancellationToken.None);

        Assert.Equal([GroupLookupOutcome.NotFound, GroupLookupOutcome.NotFound, GroupLookupOutcome.Ambiguous], read.Groups.Select(g => g.Outcome));
        Assert.Contains(first, read.Groups[2].Problem);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[second].State);
        Assert.True(read.Directory.UsersKnown);
    }

    [Fact]
    public async Task Deactivated_users_are_read_too_though_a_plain_list_leaves_them_out()
    {
        await using var okta = await OktaFixture.StartAsync();
        var carol = okta.Org.CreateUser("carol@example.com");
        okta.Org.Deactivate(carol);
        okta.Org.CreateUser("erin@example.com", "STAGED");

        var read = await okta.ReadAsync();

        Assert.Equal(UserLifecycle.Deactivated, read.Directory.Users[carol].Lifecycle);
        Assert.Contains(read.Directory.Users.Values, u => u.Email == "erin@example.com" && u.Lifecycle == UserLifecycle.Staged);
    }

    private static AccessPlan Plan(IdpDirectory directory, params string[] inApp)
    {
        var model = IdentityAccessWorld.Okta().Team("Social Editors", "Editor").Model(directory);
        var app = new ActualAccess(IdentityAccessWorld.Hub, inApp.ToDictionary(n => $"{n}@example.com", n => IdentityAccessWorld.Member(n, "EMPLOYEE")));
        return AccessPlanner.Plan(model.Hubs[IdentityAccessWorld.Hub], model.Desired(IdentityAccessWorld.Hub), app);
    }
}
