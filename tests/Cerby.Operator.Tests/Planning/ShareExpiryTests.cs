using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Access that expires: past spec.expiresAt (or creation plus spec.duration) a share grants nothing, and exactly the
/// access it alone justified goes, as when the share is deleted, under the removal guard.
/// </summary>
public sealed class ShareExpiryTests
{
    private static readonly DateTimeOffset Now = PlanningWorld.Now;

    private static PlanningWorld World(Func<TeamShareSpec, TeamShareSpec> expiry) => new PlanningWorld().Hub().Users("alice", "bob", "carol")
        .Group("contractors", "alice", "bob").Group("editors", "bob").Group("admins", "carol")
        .TeamShare("temp", "contractors", "Admin", expiry)
        .TeamShare("e", "editors", "Editor")
        .TeamShare("a", "admins", "Admin")
        .InApp("alice", "ADMIN").InApp("bob", "ADMIN").InApp("carol", "ADMIN");

    [Fact]
    public void Expired_share_removes_only_what_it_alone_justified()
    {
        var plan = World(s => s with { ExpiresAt = Now.AddMinutes(-1) }).Plan();

        // alice had access only through the expired share: removed. bob keeps Editor through another team. carol is untouched.
        plan.OnlyChanges((Remove, "alice"), (LowerRole, "bob"));
        Assert.Equal("Editor", plan.Single(LowerRole, "bob").To);
    }

    [Fact]
    public void Share_before_its_expiry_grants_as_usual_and_the_model_names_the_instant()
    {
        var expiresAt = Now.AddMinutes(10); // within the IdP's stale-after window, so membership is still known then
        var world = World(s => s with { ExpiresAt = expiresAt });

        world.Plan().OnlyChanges(); // bob and alice keep Admin
        var model = world.Model();
        Assert.Equal(expiresAt, model.NextChangeAt);
        Assert.Equal(expiresAt, model.NextChangeOf("default/hub"));
        world.Plan(at: expiresAt).OnlyChanges((Remove, "alice"), (LowerRole, "bob")); // the expiry instant itself counts
    }

    [Fact]
    public void Duration_counts_from_creation()
    {
        var world = World(s => s with { Duration = "90m" });

        world.Plan().OnlyChanges(); // created an hour ago: 30 minutes left
        world.Plan(at: Now.AddMinutes(31)).OnlyChanges((Remove, "alice"), (LowerRole, "bob"));
    }

    [Fact]
    public void Expiry_removals_stay_under_the_removal_guard()
    {
        var world = new PlanningWorld().Hub(policy: new HubPolicy { RemovalGuard = new RemovalGuard { MaxRemovals = 1, MaxRemovalsPercent = 100 } })
            .Users("alice", "bob").Group("contractors", "alice", "bob")
            .TeamShare("temp", "contractors", "Viewer", s => s with { ExpiresAt = Now.AddSeconds(-1) })
            .InApp("alice", "ANALYST").InApp("bob", "ANALYST");

        var plan = world.Plan();

        Assert.Empty(plan.Changes);
        Assert.Equal(2, plan.HeldRemovals.Count);
    }

    [Fact]
    public void Expired_share_protects_nobody_even_when_its_team_is_unknown()
    {
        var plan = new PlanningWorld().Hub().Users("alice")
            .Group("contractors", MembershipState.Unknown, null)
            .TeamShare("temp", "contractors", "Viewer", s => s with { ExpiresAt = Now.AddSeconds(-1) })
            .InApp("alice", "ANALYST")
            .Plan();

        plan.OnlyChanges((Remove, "alice"));
    }

    [Theory]
    [InlineData(true, Remove, "alice", "TeamShare default/temp expired at {0}, and no other share grants access: not in any other shared team, no individual share, no app assignment")]
    [InlineData(true, LowerRole, "bob", "Editor via team editors (TeamShare default/e); TeamShare default/temp expired at {0}, and no other share grants Admin")]
    [InlineData(false, Remove, "alice", "no share grants access any more: not in any shared team, no individual share, no app assignment")]
    [InlineData(false, LowerRole, "bob", "Editor via team editors (TeamShare default/e); no share grants Admin any more")]
    public void The_reason_of_a_removal_or_lowering_names_the_expired_share_and_a_deleted_one_does_not(bool expired, AccessChangeKind kind, string user, string reason)
    {
        var expiredAt = Now.AddMinutes(-1);
        var world = expired
            ? World(s => s with { ExpiresAt = expiredAt })
            : new PlanningWorld().Hub().Users("alice", "bob", "carol")
                .Group("contractors", "alice", "bob").Group("editors", "bob").Group("admins", "carol")
                .TeamShare("e", "editors", "Editor")
                .TeamShare("a", "admins", "Admin")
                .InApp("alice", "ADMIN").InApp("bob", "ADMIN").InApp("carol", "ADMIN");

        var plan = world.Plan();

        plan.OnlyChanges((Remove, "alice"), (LowerRole, "bob"));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, expiredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)), plan.Single(kind, user).Reason);
    }

    [Fact]
    public void An_expired_share_whose_scope_excluded_the_user_is_not_named()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("contractors", "alice")
            .TeamShare("temp", "contractors", "Viewer", s => s with { ExpiresAt = Now.AddMinutes(-1), Scope = "user.email == \"nobody@example.com\"" })
            .InApp("alice", "ANALYST")
            .Plan();

        Assert.DoesNotContain("expired", plan.Single(Remove, "alice").Reason, StringComparison.Ordinal);
    }
}
