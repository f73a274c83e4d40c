using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Uncertainty is scoped: an invalid share or an unknown team holds back only the removals of the users it could
/// affect, never the rest of the hub, and never anything in another namespace.
/// </summary>
public sealed class ScopedUncertaintyTests
{
    private static TeamShare Invalid(string name, string? team = null, string? user = null, string role = "Viewr") => new()
    {
        Metadata = new() { Name = name, NamespaceProperty = "default" },
        Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = team, User = user }, Role = role },
    };

    [Fact]
    public void Invalid_share_keeps_its_own_users_and_a_departed_user_is_still_removed()
    {
        var world = new PlanningWorld().Hub().Users("alice", "carol", "dave", "erin")
            .TeamShare("e", "editors", "Editor").Group("editors", "alice")
            .Group("viewers", "dave", "erin").RawShare(Invalid("typo", team: "viewers"))
            .InApp("alice", "EMPLOYEE").InApp("carol", "EMPLOYEE").InApp("dave", "ANALYST");

        var plan = world.Plan();

        plan.OnlyChanges((Remove, "carol")); // carol left every team: removed although another share is invalid
        Assert.DoesNotContain(plan.Changes, c => c.Email == PlanningWorld.Email("erin")); // nothing new through the invalid share
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == PlanningWorld.Email("dave"));
        var desired = world.Model().Desired("default/hub");
        Assert.Contains(desired.InvalidShares, s => s.Contains("TeamShare default/typo is invalid", StringComparison.Ordinal));
        Assert.Empty(desired.Membership); // an invalid share is not an IdP problem (no IdpStale)
    }

    [Fact]
    public void Invalid_individual_share_keeps_only_its_user()
    {
        var plan = new PlanningWorld().Hub().Users("alice", "bob")
            .TeamShare("e", "editors", "Editor").Group("editors", "alice")
            .RawShare(Invalid("bob-typo", user: "bob@example.com"))
            .InApp("alice", "ADMIN").InApp("bob", "ANALYST")
            .Plan();

        plan.OnlyChanges((LowerRole, "alice"));
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == PlanningWorld.Email("bob"));
    }

    [Fact]
    public void Unread_identity_provider_of_another_namespace_holds_nothing_here()
    {
        var plan = new PlanningWorld().Hub().Users("bob")
            .UserShare("bob-viewer", "bob@example.com", "Viewer")
            .UserShare("gone", "zed@example.com", "Viewer") // names nobody this namespace's IdP knows
            .OtherDirectory(IdpDirectory.Unreadable("team-b/scim"))
            .InApp("bob", "ADMIN")
            .Plan();

        plan.OnlyChanges((LowerRole, "bob"));
        Assert.Empty(plan.Withheld);
    }

    [Fact]
    public void A_deactivation_in_another_namespaces_identity_provider_removes_nobody_here()
    {
        // dave is in this hub's app; this namespace cannot say whether he still belongs (an unbound team protects
        // everyone). Team B's IdP knows a dave and deactivates him: that is B's business, not a removal in A's hub.
        var other = new IdpDirectory("team-b/okta", true,
            new Dictionary<string, IdpUser> { ["00udave"] = new("00udave", PlanningWorld.Email("dave"), UserLifecycle.Suspended, new Dictionary<string, string>()) },
            new Dictionary<string, IdpGroup>(), true, []);
        var plan = new PlanningWorld().Hub().Users("alice")
            .TeamShare("e", "editors", "Editor").Group("editors", "alice")
            .TeamShare("u", "unbound", "Viewer")
            .OtherDirectory(other)
            .InApp("alice", "EMPLOYEE").InApp("dave", "ANALYST")
            .Plan();

        Assert.DoesNotContain(plan.Changes, c => c.Email == PlanningWorld.Email("dave"));
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == PlanningWorld.Email("dave"));
    }

    [Fact]
    public void Users_of_another_namespace_are_not_found_by_an_individual_share()
    {
        var other = new IdpDirectory("team-b/okta", true,
            new Dictionary<string, IdpUser> { ["00uzed"] = new("00uzed", "zed@example.com", UserLifecycle.Active, new Dictionary<string, string>()) },
            new Dictionary<string, IdpGroup>(), true, []);
        var plan = new PlanningWorld().Hub().UserShare("zed", "zed@example.com", "Viewer").OtherDirectory(other).Plan();

        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Unread_identity_provider_of_this_namespace_protects_only_the_user_a_share_names()
    {
        var plan = new PlanningWorld().Hub().Users("bob")
            .UserShare("bob-viewer", "bob@example.com", "Viewer")
            .UserShare("zed", "zed@example.com", "Viewer")
            .OtherDirectory(IdpDirectory.Unreadable("default/scim"))
            .InApp("bob", "ADMIN").InApp("zed", "ANALYST").InApp("carol", "ANALYST")
            .Plan();

        plan.OnlyChanges((LowerRole, "bob"), (Remove, "carol"));
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == "zed@example.com");
    }

    [Fact]
    public void Unknown_team_protects_the_users_of_its_identity_provider_only()
    {
        // mallory is in the app but not in the IdP at all (deleted): no unread group of this IdP can hold her.
        var plan = new PlanningWorld().Hub().Users("alice", "bob")
            .TeamShare("e", "editors", "Editor").Group("editors", "alice")
            .TeamShare("a", "admins", "Admin").Group("admins", MembershipState.Unknown, null)
            .InApp("alice", "EMPLOYEE").InApp("bob", "ADMIN").InApp("mallory", "ADMIN")
            .Plan();

        plan.OnlyChanges((Remove, "mallory"));
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == PlanningWorld.Email("bob"));
    }

    [Fact]
    public void Status_text_for_nine_hundred_invalid_shares_fits_a_condition_message()
    {
        var world = new PlanningWorld().Hub();
        for (var i = 0; i < 900; i++)
        {
            world.RawShare(Invalid($"share-with-a-rather-long-name-{i:D4}", team: $"unbound-team-with-a-long-name-{i:D4}"));
        }

        var plan = world.InApp("alice", "ANALYST").Plan();

        Assert.NotNull(plan.WithheldReason);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(plan.WithheldReason!) < 8192, $"{plan.WithheldReason!.Length} chars");
        Assert.Contains("more", plan.WithheldReason, StringComparison.Ordinal);
    }
}
