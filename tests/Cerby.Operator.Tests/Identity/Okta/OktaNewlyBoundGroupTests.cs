using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>
/// A new IdpGroupBinding costs the lookup and the members of its group, not a full read of the org: with 1,000 users
/// already read, binding one more group must not list the users again, and nothing read before is forgotten. On a cold
/// start the groups are handed over before the (longer) user list ends, with the users marked not yet known.
/// </summary>
public sealed class OktaNewlyBoundGroupTests
{
    [Fact]
    public async Task A_newly_bound_group_is_read_by_itself_without_listing_every_user_again()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Editors");
        var admins = okta.Org.CreateGroup("Admins");
        for (var i = 0; i < 1_000; i++)
        {
            var user = okta.Org.CreateUser($"user{i:D4}@acme.test");
            okta.Org.AddToGroup(i % 10 == 0 ? admins : editors, user);
        }

        var bound = new List<IdpGroupReference> { new() { DisplayName = "Editors" } };
        var cache = new IdentityCache();
        var watchers = new IdentityWatchers(cache, TimeProvider.System, NullLoggerFactory.Instance);
        using var leading = new CancellationTokenSource();
        var running = watchers.RunAsync(leading.Token);
        var source = new OktaIdentitySource(okta.Client, OktaFixture.IdpKey, null, TimeSpan.FromMilliseconds(200), TimeProvider.System, okta.Log);
        await Eventually.TrueAsync(async () => await watchers.StartAsync(OktaFixture.IdpKey, "fingerprint", source, () => [.. bound], TimeSpan.FromMinutes(15)), "the watcher started");
        await Eventually.TrueAsync(() => cache.Get(OktaFixture.IdpKey) is { LastFullRead: not null, Problem: null }, "the first full read", TimeSpan.FromSeconds(30));
        var before = okta.Emulator.Requests.Count;

        bound.Add(new IdpGroupReference { DisplayName = "Admins" });
        watchers.RequestRead(OktaFixture.IdpKey);
        await Eventually.TrueAsync(() => Known(cache, admins) is { MemberIds.Count: 100 }, "the new group's members are known", TimeSpan.FromSeconds(30));

        var after = okta.Emulator.Requests.Skip(before).Where(r => !r.StartsWith("GET /api/v1/logs", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(after, r => r.StartsWith("GET /api/v1/users", StringComparison.Ordinal));
        Assert.InRange(after.Count, 2, 3); // the lookup by name and one page of members
        var state = cache.Get(OktaFixture.IdpKey)!;
        Assert.Equal(900, Known(cache, editors)!.MemberIds.Count);
        Assert.Equal(1_000, state.Directory.Users.Count);
        Assert.True(state.Directory.UsersKnown);
        Assert.Equal(2, state.Groups.Count(g => g.Outcome == GroupLookupOutcome.Read));
        Assert.Null(state.Problem);

        await leading.CancelAsync();
        await running;
    }

    [Fact]
    public async Task On_a_cold_start_the_teams_are_known_before_every_user_is_listed_and_nothing_narrows_meanwhile()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Editors");
        for (var i = 0; i < 1_000; i++)
        {
            var user = okta.Org.CreateUser($"user{i:D4}@acme.test");
            if (i % 10 == 0)
            {
                okta.Org.AddToGroup(editors, user);
            }
        }

        okta.Emulator.Faults.Fail(times: 2, status: 503, pathContains: "/api/v1/users?"); // the user list takes longer
        var cache = new IdentityCache();
        var seen = new List<IdpState>();
        cache.Changed += _ =>
        {
            lock (seen)
            {
                seen.Add(cache.Get(OktaFixture.IdpKey)!);
            }
        };
        var watchers = new IdentityWatchers(cache, TimeProvider.System, NullLoggerFactory.Instance);
        using var leading = new CancellationTokenSource();
        var running = watchers.RunAsync(leading.Token);
        var source = new OktaIdentitySource(okta.Client, OktaFixture.IdpKey, null, TimeSpan.FromMilliseconds(200), TimeProvider.System, okta.Log);
        await Eventually.TrueAsync(async () => await watchers.StartAsync(OktaFixture.IdpKey, "fingerprint", source, () => [new IdpGroupReference { DisplayName = "Editors" }], TimeSpan.FromMinutes(15)), "the watcher started");
        await Eventually.TrueAsync(() => cache.Get(OktaFixture.IdpKey) is { LastFullRead: not null, Directory.UsersKnown: true }, "the full read", TimeSpan.FromSeconds(30));

        IdpState first;
        lock (seen)
        {
            first = seen[0];
        }

        Assert.Null(first.LastFullRead); // the groups came first, while the users were still listed
        Assert.False(first.Directory.UsersKnown);
        Assert.Equal(100, first.Directory.Groups[editors].MemberIds.Count);
        Assert.Equal(MembershipState.Known, first.Directory.Groups[editors].State);
        Assert.Equal(100, first.Directory.Users.Count); // the members themselves, status included
        Assert.Equal(1_000, cache.Get(OktaFixture.IdpKey)!.Directory.Users.Count);

        await leading.CancelAsync();
        await running;
    }

    private static IdpGroup? Known(IdentityCache cache, string groupId) =>
        cache.Get(OktaFixture.IdpKey)?.Directory.Groups.GetValueOrDefault(groupId) is { State: MembershipState.Known } group ? group : null;
}
