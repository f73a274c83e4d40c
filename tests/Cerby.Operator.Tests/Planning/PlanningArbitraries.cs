using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using FsCheck;
using FsCheck.Fluent;

namespace Cerby.Operator.Tests.Planning;

/// <summary>A random small world: six users, three teams, a few shares, an app state, and a hub policy.</summary>
public sealed record WorldSpec(
    bool InviteRequired,
    DriftMode Drift,
    RemovalMode Removal,
    int MaxRemovals,
    int MaxRemovalsPercent,
    UserLifecycle[] Lifecycles,
    bool[][] TeamMembers,
    MembershipState[] TeamStates,
    ShareSpec[] Shares,
    MemberSpec?[] App)
{
    public static readonly string[] Users = ["u0", "u1", "u2", "u3", "u4", "u5"];
    public static readonly string[] Teams = ["t0", "t1", "t2"];
    public static readonly string[] Natives = ["ADMIN", "EMPLOYEE", "ANALYST", "FINANCE_EDITOR"]; // the last is not a hub role
    public static readonly string[] Tasks = ["MANAGE", "CREATE_CONTENT", "ADVERTISE", "ANALYZE"];

    internal PlanningWorld ToWorld(IEnumerable<ShareSpec>? shares = null)
    {
        var world = new PlanningWorld().Hub(inviteRequired: InviteRequired, policy: new HubPolicy
        {
            Drift = Drift,
            Removal = Removal,
            RemovalGuard = new RemovalGuard { MaxRemovals = MaxRemovals, MaxRemovalsPercent = MaxRemovalsPercent },
        });
        for (var u = 0; u < Users.Length; u++)
        {
            if (Lifecycles[u] != UserLifecycle.Deleted)
            {
                world.User(Users[u], Lifecycles[u]);
            }
        }

        for (var t = 0; t < Teams.Length; t++)
        {
            var members = Users.Where((_, u) => TeamMembers[t][u]).ToArray();
            world.Group(Teams[t], TeamStates[t], TeamStates[t] == MembershipState.Unknown ? null : PlanningWorld.Now, members);
        }

        var index = 0;
        foreach (var share in shares ?? Shares)
        {
            share.AddTo(world, $"s{index++}");
        }

        for (var u = 0; u < Users.Length; u++)
        {
            if (App[u] is { } m)
            {
                world.InApp(Users[u], Natives[m.Native], m.State, m.Managed,
                    assets: m.Assets.Select(a => new AppAsset(AssetKind.Page, a.ToString(), Tasks.Take(1 + ((m.Native + a) % 4)).ToList())).ToList(),
                    inviteExpired: m.InviteExpired);
            }
        }

        return world;
    }
}

/// <summary>A share of the hub with a team or a user, a role and some pages.</summary>
public sealed record ShareSpec(int? Team, int User, int Role, int[] Pages, int? PageRole)
{
    internal void AddTo(PlanningWorld world, string name)
    {
        var role = PlanningWorld.DefaultRoles[Role].Name;
        var assets = Pages.Select(p => new AssetShare { Kind = AssetKind.Page, Id = p.ToString(), Role = PageRole is { } r ? PlanningWorld.DefaultRoles[r].Name : null }).ToArray();
        if (Team is { } t)
        {
            world.TeamShare(name, WorldSpec.Teams[t], role, "hub", assets);
        }
        else
        {
            world.UserShare(name, PlanningWorld.Email(WorldSpec.Users[User]), role, "hub", assets);
        }
    }
}

/// <summary>A member the app has: native role index, state, managed, pages.</summary>
public sealed record MemberSpec(int Native, MemberState State, bool Managed, int[] Assets, bool InviteExpired);

public static class PlanningArbitraries
{
    private static Gen<int[]> Pages => Gen.SubListOf(new[] { 1, 2, 3 }).Select(l => l.ToArray());

    public static Gen<ShareSpec> Share =>
        from team in Gen.Frequency((3, Gen.Choose(0, 2).Select(t => (int?)t)), (1, Gen.Constant((int?)null)))
        from user in Gen.Choose(0, 5)
        from role in Gen.Choose(0, 2)
        from pages in Pages
        from pageRole in Gen.Frequency((3, Gen.Constant((int?)null)), (1, Gen.Choose(0, 2).Select(r => (int?)r)))
        select new ShareSpec(team, user, role, pages, pageRole);

    private static Gen<MemberSpec?> Member =>
        Gen.Frequency(
            (1, Gen.Constant<MemberSpec?>(null)),
            (2, from native in Gen.Choose(0, 3)
                from state in Gen.Frequency((4, Gen.Constant(MemberState.Active)), (1, Gen.Constant(MemberState.Invited)), (1, Gen.Constant(MemberState.Suspended)))
                from managed in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
                from assets in Pages
                from expired in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
                select (MemberSpec?)new MemberSpec(native, state, managed, assets, expired && state == MemberState.Invited)));

    private static Gen<WorldSpec> World =>
        from invite in Gen.Elements(true, false)
        from drift in Gen.Elements(DriftMode.Report, DriftMode.Enforce)
        from removal in Gen.Elements(RemovalMode.Remove, RemovalMode.Suspend)
        from maxRemovals in Gen.Choose(0, 6)
        from percent in Gen.Elements(0, 10, 25, 50, 100)
        from lifecycles in Gen.ArrayOf(Gen.Frequency(
            (6, Gen.Constant(UserLifecycle.Active)), (1, Gen.Constant(UserLifecycle.Suspended)),
            (1, Gen.Constant(UserLifecycle.Deactivated)), (1, Gen.Constant(UserLifecycle.Deleted))), 6)
        from members in Gen.ArrayOf(Gen.ArrayOf(Gen.Elements(true, false), 6), 3)
        from states in Gen.ArrayOf(Gen.Frequency((6, Gen.Constant(MembershipState.Known)), (1, Gen.Constant(MembershipState.Unknown))), 3)
        from shares in Gen.ListOf(Share, 4).Select(l => l.ToArray())
        from app in Gen.ArrayOf(Member, 6)
        select new WorldSpec(invite, drift, removal, maxRemovals, percent, lifecycles, members, states, shares, app);

    public static Arbitrary<WorldSpec> WorldSpec() => World.ToArbitrary();

    public static Arbitrary<ShareSpec> ShareSpec() => Share.ToArbitrary();
}
