using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Identity.Cache;

/// <summary>
/// The identity cache between reads: could-not-read never becomes empty, an outage keeps last-known members as Stale,
/// and every change is reported with exactly what differs.
/// </summary>
public sealed class IdentityCacheTests
{
    private const string Idp = "default/okta";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly IdpGroupReference Editors = new() { DisplayName = "Editors" };

    [Fact]
    public void A_failed_members_read_keeps_the_last_known_members_as_stale_never_empty()
    {
        var cache = new IdentityCache();
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1", "u2"), Users("u1", "u2")), T0);

        cache.ApplyRead(Idp, Read(Group(MembershipState.Unknown), Users("u1", "u2"), GroupLookupOutcome.MembersUnreadable, "members: HTTP 500"), T0.AddMinutes(15));

        var state = cache.Get(Idp)!;
        var group = state.Directory.Groups["g1"];
        Assert.Equal(MembershipState.Stale, group.State);
        Assert.Equal(["u1", "u2"], group.MemberIds);
        Assert.Equal(T0, group.KnownAt);
        Assert.Contains("HTTP 500", state.Problem, StringComparison.Ordinal);
        Assert.Equal(T0, state.LastContact);
    }

    [Fact]
    public void Unreadable_users_keep_the_last_known_users_and_make_membership_stale()
    {
        var cache = new IdentityCache();
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1"), Users("u1")), T0);

        var unreadable = Read(Group(MembershipState.Known, "u1"), []) with { UsersProblem = "users: connection refused" };
        cache.ApplyRead(Idp, unreadable with { Directory = unreadable.Directory with { UsersKnown = false } }, T0.AddMinutes(15));

        var directory = cache.Get(Idp)!.Directory;
        Assert.True(directory.UsersKnown);
        Assert.Contains("u1", directory.Users.Keys);
        Assert.Equal(MembershipState.Stale, directory.Groups["g1"].State);
    }

    [Fact]
    public void Marking_an_idp_unreachable_again_for_the_same_reason_raises_nothing()
    {
        var cache = new IdentityCache();
        var touched = 0;
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1"), Users("u1")), T0);
        cache.Touched += _ => touched++;

        cache.MarkUnreachable(Idp, Idp, "Secret default/okta-api does not exist");
        cache.MarkUnreachable(Idp, Idp, "Secret default/okta-api does not exist");
        cache.MarkUnreachable("default/never-read", "default/never-read", "Secret default/x does not exist");
        cache.MarkUnreachable("default/never-read", "default/never-read", "Secret default/x does not exist");
        Assert.Equal(2, touched);

        cache.MarkUnreachable(Idp, Idp, "Okta answered 500");
        Assert.Equal(3, touched); // a new reason is news
    }

    [Fact]
    public void An_unreachable_idp_turns_known_groups_stale_and_a_later_full_read_makes_them_known_again()
    {
        var cache = new IdentityCache();
        var deltas = new List<IdentityDelta>();
        cache.Changed += deltas.Add;
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1"), Users("u1")), T0);

        cache.MarkUnreachable(Idp, Idp, "Okta answered 500");
        Assert.Equal(MembershipState.Stale, cache.Get(Idp)!.Directory.Groups["g1"].State);
        Assert.True(cache.Get(Idp)!.Stale);
        Assert.Equal(MembershipState.Stale, Assert.Single(deltas[^1].Groups).State);

        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1"), Users("u1")), T0.AddMinutes(1));
        Assert.Equal(MembershipState.Known, cache.Get(Idp)!.Directory.Groups["g1"].State);
        Assert.Null(cache.Get(Idp)!.Problem);
    }

    [Fact]
    public void An_idp_never_read_is_unknown_not_empty()
    {
        var cache = new IdentityCache();
        cache.MarkUnreachable(Idp, Idp, "connection refused");

        var directory = cache.Get(Idp)!.Directory;
        Assert.False(directory.UsersKnown);
        Assert.Empty(directory.Groups); // no group is known, so every bound team is Unknown to the access model
        Assert.False(directory.AssignmentsKnown);
    }

    [Fact]
    public void Updates_report_joins_leaves_deactivations_and_deletions_for_the_bindings_events()
    {
        var cache = new IdentityCache();
        var deltas = new List<IdentityDelta>();
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1", "u2", "u3"), Users("u1", "u2", "u3", "u4")), T0);
        cache.Changed += deltas.Add;

        cache.ApplyUpdate(Idp, new IdentityUpdate(
            [Group(MembershipState.Known, "u1", "u3", "u4")],
            [User("u3", UserLifecycle.Deactivated), User("u2", UserLifecycle.Deleted)],
            null), T0.AddSeconds(5));

        var delta = Assert.Single(deltas);
        Assert.Equal(
            [("u2", MembershipEventKind.Deleted), ("u3", MembershipEventKind.Deactivated), ("u4", MembershipEventKind.Joined)],
            delta.Events.Select(e => (e.UserId, e.Kind)).OrderBy(e => e.UserId).ToList());
        Assert.Contains(delta.Users, u => u.Id == "u2" && u.Lifecycle == UserLifecycle.Deleted);
        Assert.DoesNotContain("u2", cache.Get(Idp)!.Directory.Users.Keys); // deleted users are not kept
    }

    [Fact]
    public void A_read_that_changes_nothing_raises_no_change()
    {
        var cache = new IdentityCache();
        var changes = 0;
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1"), Users("u1")), T0);
        cache.Changed += _ => changes++;

        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1") with { KnownAt = T0.AddMinutes(15) }, Users("u1")), T0.AddMinutes(15));

        Assert.Equal(0, changes);
        Assert.Equal(T0.AddMinutes(15), cache.Get(Idp)!.Directory.Groups["g1"].KnownAt);
    }

    [Fact]
    public void A_full_read_keeps_the_records_of_unchanged_users_so_the_access_model_and_the_directory_share_them()
    {
        var cache = new IdentityCache();
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1", "u2"), Users("u1", "u2")), T0);
        var first = cache.Get(Idp)!.Directory.Users;

        var again = Users("u1", "u2");
        again["u2"] = User("u2", UserLifecycle.Suspended);
        cache.ApplyRead(Idp, Read(Group(MembershipState.Known, "u1", "u2"), again), T0.AddMinutes(15));

        var users = cache.Get(Idp)!.Directory.Users;
        Assert.Same(first["u1"], users["u1"]); // the same record as before, not a second copy of an unchanged user
        Assert.Same(again["u2"], users["u2"]);
        Assert.Equal(UserLifecycle.Suspended, users["u2"].Lifecycle);
    }

    private static IdpGroup Group(MembershipState state, params string[] members) => new("g1", "Editors", state, members, state == MembershipState.Known ? T0 : null);

    private static Dictionary<string, IdpUser> Users(params string[] ids) => ids.ToDictionary(id => id, id => User(id, UserLifecycle.Active));

    private static IdpUser User(string id, UserLifecycle lifecycle) => new(id, $"{id}@example.com", lifecycle, new Dictionary<string, string>());

    private static IdentityRead Read(IdpGroup group, Dictionary<string, IdpUser> users, GroupLookupOutcome outcome = GroupLookupOutcome.Read, string? problem = null) => new(
        new IdpDirectory(Idp, true, users, new Dictionary<string, IdpGroup> { [group.Id] = group }, true, []),
        [new GroupLookup(Editors, outcome, group.Id, problem)],
        null,
        null);
}
