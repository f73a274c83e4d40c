using Cerby.Emulators.Graph;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Identity.Okta;
using Cerby.Operator.Tests.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>Could-not-read never becomes empty: outages leave parts unknown (reads) or throw (polls), and the last-known state stands.</summary>
public sealed class EntraUnknownIsNotEmptyTests
{
    [Fact]
    public async Task Group_whose_members_cannot_be_read_is_unknown_and_the_planner_withholds_removals()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        entra.Tenant.CreateUser("bob@example.com");
        entra.Emulator.Faults.Fail(times: 100, status: 500, pathContains: $"/groups/{editors}/transitiveMembers");

        var read = await entra.Source().ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);

        var lookup = Assert.Single(read.Groups);
        Assert.Equal(GroupLookupOutcome.MembersUnreadable, lookup.Outcome);
        Assert.Contains("500 generalException", lookup.Problem);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[editors].State);
        Assert.Null(read.Directory.Groups[editors].KnownAt);
        Assert.True(read.Directory.UsersKnown);
        var plan = Plan(read.Directory, "alice", "bob");
        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == "alice@example.com");
    }

    [Fact]
    public async Task A_group_read_empty_is_known_and_does_remove()
    {
        await using var entra = await EntraFixture.StartAsync();
        entra.Tenant.CreateGroup("Social Editors");
        entra.Tenant.CreateUser("alice@example.com");

        var read = await entra.Source().ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);

        Assert.Equal(MembershipState.Known, read.Directory.Groups.Values.Single().State);
        Plan(read.Directory, "alice").OnlyChanges((Remove, "alice"));
    }

    [Fact]
    public async Task Lists_longer_than_a_page_are_read_completely_and_a_paging_loop_is_an_error()
    {
        await using var entra = await EntraFixture.StartAsync();
        var everyone = entra.Tenant.CreateGroup("Everyone");
        for (var i = 0; i < 1100; i++)
        {
            entra.Tenant.AddMember(everyone, entra.Tenant.CreateUser($"user{i:D4}@example.com"));
        }

        var read = await entra.Source().ReadAsync(EntraFixture.Named("Everyone"), CancellationToken.None);
        Assert.Equal(1100, read.Directory.Groups[everyone].MemberIds.Distinct().Count()); // two pages of at most 999
        Assert.Equal(1100, read.Directory.Users.Count);
        Assert.Contains(entra.Emulator.Requests, r => r.Contains("transitiveMembers/graph.user?", StringComparison.Ordinal) && r.Contains("$skiptoken=", StringComparison.Ordinal));

        entra.Emulator.Faults.NextLinkLoop = true;
        var looped = await entra.Source().ReadAsync(EntraFixture.Named("Everyone"), CancellationToken.None);
        Assert.Equal(MembershipState.Unknown, looped.Directory.Groups[everyone].State);
        Assert.Empty(looped.Directory.Groups[everyone].MemberIds);
        Assert.Contains("already read", looped.Groups.Single().Problem);
        Assert.False(looped.Directory.UsersKnown);
    }

    [Fact]
    public async Task Groups_not_found_or_ambiguous_are_reported_as_such()
    {
        await using var entra = await EntraFixture.StartAsync();
        var first = entra.Tenant.CreateGroup("Twins");
        var second = entra.Tenant.CreateGroup("Twins");
        var quoted = entra.Tenant.CreateGroup("O'Brien's team");

        var read = await entra.Source().ReadAsync(
            [new IdpGroupReference { DisplayName = "Nobody" }, new IdpGroupReference { Id = Guid.NewGuid().ToString() }, new IdpGroupReference { DisplayName = "Twins" }, new IdpGroupReference { DisplayName = "O'Brien's team" }],
            CancellationToken.None);

        Assert.Equal([GroupLookupOutcome.NotFound, GroupLookupOutcome.NotFound, GroupLookupOutcome.Ambiguous, GroupLookupOutcome.Read], read.Groups.Select(g => g.Outcome));
        Assert.Contains(first, read.Groups[2].Problem);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[second].State);
        Assert.Equal(quoted, read.Groups[3].GroupId);
        Assert.True(read.Directory.UsersKnown);
    }

    [Fact]
    public async Task Disabled_users_are_read_with_their_profile()
    {
        await using var entra = await EntraFixture.StartAsync();
        var carol = entra.Tenant.CreateUser("carol@example.com", false, ("department", "Legal"), ("jobTitle", "Counsel"));
        var erin = entra.Tenant.CreateUser("erin@contoso.onmicrosoft.com");
        entra.Tenant.UpdateUser(erin, "mail", null);

        var read = await entra.Source().ReadAsync([], CancellationToken.None);

        var user = read.Directory.Users[carol];
        Assert.Equal(UserLifecycle.Deactivated, user.Lifecycle);
        Assert.Equal("Legal", user.Profile["department"]);
        Assert.Equal("Counsel", user.Profile["jobTitle"]);
        Assert.Equal("erin@contoso.onmicrosoft.com", read.Directory.Users[erin].Email); // no mailbox: matched by UPN
        Assert.Equal(UserLifecycle.Active, read.Directory.Users[erin].Lifecycle);
    }

    [Fact]
    public async Task Tenant_that_refuses_connections_leaves_everything_unknown_and_polls_throw()
    {
        await using var entra = await EntraFixture.StartAsync();
        var app = entra.Tenant.CreateApp("Cerby Meta");
        var settings = entra.Settings;
        await entra.Emulator.DisposeAsync();
        var source = entra.Source(app, policy: new EntraRetryPolicy(MaxAttempts: 2, FirstBackoff: TimeSpan.FromMilliseconds(1)), settings: settings);
        var groupId = Guid.NewGuid().ToString();

        var read = await source.ReadAsync([new IdpGroupReference { Id = groupId }], CancellationToken.None);

        Assert.False(read.Directory.UsersKnown);
        Assert.False(read.Directory.AssignmentsKnown);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[groupId].State);
        Assert.Equal(GroupLookupOutcome.LookupFailed, read.Groups.Single().Outcome);
        Assert.Contains("no answer from Microsoft Graph", read.UsersProblem);
        var failure = await Assert.ThrowsAsync<IdentitySourceException>(() => source.PollAsync(read.Directory, CancellationToken.None));
        Assert.Contains("no answer", failure.Message);
    }

    [Fact]
    public async Task Rejected_tokens_and_missing_permissions_leave_everything_unknown_and_polls_throw()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        var app = entra.Tenant.CreateApp("Cerby Meta");
        var source = entra.Source(app);
        var good = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);

        entra.Emulator.Faults.RejectTokens = true;
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        Assert.False(read.Directory.UsersKnown);
        Assert.False(read.Directory.AssignmentsKnown);
        Assert.Equal(GroupLookupOutcome.LookupFailed, read.Groups.Single().Outcome);
        Assert.Contains("401 InvalidAuthenticationToken", read.UsersProblem);
        var unauthorized = await Assert.ThrowsAsync<IdentitySourceException>(() => source.PollAsync(good.Directory, CancellationToken.None));
        Assert.Contains("401", unauthorized.Message);

        entra.Emulator.Faults.RejectTokens = false;
        entra.Emulator.Faults.DenyAccess = true;
        var forbidden = await Assert.ThrowsAsync<IdentitySourceException>(() => source.PollAsync(good.Directory, CancellationToken.None));
        Assert.Contains("403 Authorization_RequestDenied", forbidden.Message);

        entra.Emulator.Faults.DenyAccess = false;
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("bob@example.com"));
        var update = await source.PollAsync(good.Directory, CancellationToken.None); // recovers, with what changed meanwhile
        Assert.Equal(["alice@example.com", "bob@example.com"], EntraFixture.Members(update.ApplyTo(good.Directory), "Social Editors"));
    }

    [Fact]
    public async Task A_revoked_access_token_is_replaced()
    {
        await using var entra = await EntraFixture.StartAsync();
        entra.Tenant.CreateUser("alice@example.com");
        var source = entra.Source();
        var read = await source.ReadAsync([], CancellationToken.None);
        Assert.Equal(1, entra.Emulator.AccessTokensIssued);

        entra.Emulator.RevokeAccessTokens();
        Assert.True((await source.PollAsync(read.Directory, CancellationToken.None)).IsEmpty); // 401: a fresh token, and the call once more
        Assert.Equal(2, entra.Emulator.AccessTokensIssued);
        Assert.True((await source.PollAsync(read.Directory, CancellationToken.None)).IsEmpty);
        Assert.Equal(2, entra.Emulator.AccessTokensIssued); // kept while it works
    }

    [Fact]
    public async Task Client_secret_and_access_tokens_appear_in_no_log_line_problem_or_exception()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var app = entra.Tenant.CreateApp("Cerby Meta");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        var texts = new List<string?>();
        void Collect(IdentityRead read) => texts.AddRange([read.UsersProblem, read.AssignmentsProblem, .. read.Groups.Select(g => g.Problem)]);

        // A wrong secret: refused by the token endpoint.
        const string wrongSecret = "Wr0ng~Secret~7Q8~abcdefghijklmnopqrstuv";
        var wrong = entra.Source(app, clientSecret: wrongSecret);
        var refused = await wrong.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        Collect(refused);
        Assert.Contains("AADSTS7000215", refused.UsersProblem);
        Assert.False(refused.Directory.UsersKnown);
        texts.Add((await Assert.ThrowsAsync<IdentitySourceException>(() => wrong.PollAsync(refused.Directory, CancellationToken.None))).ToString());

        // The right secret, then throttling, server errors, 401 and 403.
        var right = entra.Source(app, policy: new EntraRetryPolicy(MaxAttempts: 2, FirstBackoff: TimeSpan.FromMilliseconds(1)));
        var read = await right.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        Collect(read);
        entra.Emulator.Faults.Throttle(times: 3, TimeSpan.Zero);
        entra.Emulator.Faults.Fail(times: 3, status: 503);
        foreach (var fault in new Action[] { () => { }, () => entra.Emulator.Faults.RejectTokens = true, () => (entra.Emulator.Faults.RejectTokens, entra.Emulator.Faults.DenyAccess) = (false, true) })
        {
            fault();
            try
            {
                await right.PollAsync(read.Directory, CancellationToken.None);
            }
            catch (IdentitySourceException e)
            {
                texts.Add(e.ToString());
            }

            Collect(await right.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None));
        }

        var everything = string.Join("\n", entra.Log.Lines.Concat(texts.OfType<string>()));
        Assert.Contains("AADSTS7000215", everything);
        Assert.Contains("401", everything);
        Assert.Contains("403", everything);
        Assert.DoesNotContain(wrongSecret, everything);
        Assert.DoesNotContain(entra.Emulator.ClientSecret, everything);
        Assert.NotEmpty(entra.Emulator.IssuedAccessTokens);
        Assert.All(entra.Emulator.IssuedAccessTokens, token => Assert.DoesNotContain(token, everything));
        Assert.DoesNotContain(wrongSecret, new EntraCredentials("t", "c", wrongSecret).ToString());
        var fromSecret = EntraCredentials.FromSecret(new EntraSettings { TenantId = "t", ClientId = "c" }, new Dictionary<string, byte[]> { ["clientSecret"] = "s3cr3t\n"u8.ToArray() });
        Assert.Equal("s3cr3t", fromSecret.ClientSecret);
        var missing = Assert.Throws<ArgumentException>(() => EntraCredentials.FromSecret(new EntraSettings { TenantId = "t", ClientId = "c" }, new Dictionary<string, byte[]>()));
        Assert.Contains("clientSecret", missing.Message);
    }

    internal static AccessPlan Plan(IdpDirectory directory, params string[] inApp)
    {
        var model = IdentityAccessWorld.Entra().Team("Social Editors", "Editor").Model(directory);
        var app = new ActualAccess(IdentityAccessWorld.Hub, inApp.ToDictionary(n => $"{n}@example.com", n => IdentityAccessWorld.Member(n, "EMPLOYEE")));
        return AccessPlanner.Plan(model.Hubs[IdentityAccessWorld.Hub], model.Desired(IdentityAccessWorld.Hub), app);
    }
}
