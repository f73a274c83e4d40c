using Cerby.Operator.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>Seed 003: assignments of the IdP app integration (direct or by group) grant access; mapped attributes follow.</summary>
public sealed class IdlcmTests
{
    private static PlanningWorld WithIntegration() => new PlanningWorld().Hub()
        .AppIntegration("Viewer", "role", ("department", "department"), ("costCenter", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"));

    [Fact]
    public void Direct_user_assignment_grants_the_integrations_role_and_mapped_attributes()
    {
        var plan = WithIntegration().User("alice", UserLifecycle.Active, ("department", "Marketing"), ("costCenter", "CC-7"))
            .AssignUser("alice")
            .Plan();

        var add = plan.Single(Add, "alice");
        Assert.Equal("Viewer", add.To);
        Assert.Equal("Viewer via app assignment (IdentityProvider default/okta app 0oa-app)", add.Reason);
        Assert.Equal("Marketing", add.Attributes!["department"]);
        Assert.Equal("CC-7", add.Attributes["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"]);
    }

    [Fact]
    public void Group_assignment_grants_every_member_of_the_group()
    {
        var plan = WithIntegration().Users("alice", "bob").Group("sales", "alice", "bob").AssignGroup("sales").Plan();

        plan.OnlyChanges((Add, "alice"), (Add, "bob"));
        Assert.Contains("app assignment via group sales", plan.Changes[0].Reason);
    }

    [Fact]
    public void Assignment_profile_role_overrides_the_integrations_default_role()
    {
        var plan = WithIntegration().Users("alice").AssignUser("alice", ("role", "Editor")).Plan();

        Assert.Equal("Editor", plan.Single(Add, "alice").To);
    }

    [Fact]
    public void Assignment_profile_naming_an_unknown_role_falls_back_to_the_default_role()
    {
        var plan = WithIntegration().Users("alice").AssignUser("alice", ("role", "Superuser")).Plan();

        Assert.Equal("Viewer", plan.Single(Add, "alice").To);
    }

    [Fact]
    public void Changing_a_custom_attribute_in_the_idp_updates_only_that_attribute_in_the_app()
    {
        var plan = WithIntegration().User("alice", UserLifecycle.Active, ("department", "Sales"), ("costCenter", "CC-7"))
            .AssignUser("alice")
            .InApp("alice", "ANALYST", attributes: new Dictionary<string, string>
            {
                ["department"] = "Marketing",
                ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"] = "CC-7",
            })
            .Plan();

        var update = plan.Single(UpdateAttributes, "alice");
        Assert.Equal(new Dictionary<string, string?> { ["department"] = "Sales" }, update.Attributes);
        Assert.Equal(("department=Marketing", "department=Sales"), (update.From, update.To));
        plan.OnlyChanges((UpdateAttributes, "alice"));
    }

    [Fact]
    public void Attribute_removed_in_the_idp_is_cleared_in_the_app()
    {
        var plan = WithIntegration().User("alice").AssignUser("alice")
            .InApp("alice", "ANALYST", attributes: new Dictionary<string, string> { ["department"] = "Marketing" })
            .Plan();

        Assert.Equal(new Dictionary<string, string?> { ["department"] = null }, plan.Single(UpdateAttributes, "alice").Attributes);
    }

    [Fact]
    public void Unassigned_user_loses_access()
    {
        var plan = WithIntegration().Users("alice").InApp("alice", "ANALYST").Plan();

        plan.OnlyChanges((Remove, "alice"));
    }

    [Fact]
    public void Unreadable_assignments_remove_nobody()
    {
        var plan = WithIntegration().Users("alice").AssignmentsUnreadable().InApp("alice", "ANALYST").Plan();

        Assert.Empty(plan.Changes);
        Assert.Contains("assignments of app 0oa-app", plan.WithheldReason);
    }
}
