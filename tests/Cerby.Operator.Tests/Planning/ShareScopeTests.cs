using Cerby.Operator.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Scoping rules: spec.scope (CEL over the IdP user) narrows a share's team. False excludes; an expression that cannot
/// be evaluated for a user is unknown, never excluded: that user gains nothing and loses nothing through the share.
/// </summary>
public sealed class ShareScopeTests
{
    private static PlanningWorld Staff(string scope) => new PlanningWorld().Hub()
        .User("alice", profile: [("employeeType", "employee"), ("department", "Sales")])
        .User("bob", profile: [("employeeType", "contractor"), ("department", "Sales")])
        .User("carol", profile: [("employeeType", "employee"), ("department", "Finance"), ("costCenter", "4711")])
        .Group("staff", "alice", "bob", "carol")
        .TeamShare("staff", "staff", "Viewer", s => s with { Scope = scope });

    [Fact]
    public void Scope_excludes_contractors()
    {
        var plan = Staff("user.employeeType != \"contractor\"").Plan();

        plan.OnlyChanges((Add, "alice"), (Add, "carol"));
    }

    [Fact]
    public void Scope_excluding_a_member_removes_what_only_that_share_granted()
    {
        var plan = Staff("user.employeeType != \"contractor\"").InApp("bob", "ANALYST").InApp("alice", "ANALYST").InApp("carol", "ANALYST").Plan();

        plan.OnlyChanges((Remove, "bob"));
        Assert.Empty(plan.Withheld);
        Assert.Equal("excluded by the scope of TeamShare default/staff (user.employeeType != \"contractor\"), and no other share grants access: not in any other shared team, no individual share, no app assignment",
            plan.Single(Remove, "bob").Reason); // the plan and the Event name the rule
    }

    [Fact]
    public void Scope_with_a_list_and_an_and()
    {
        var plan = Staff("user.department in [\"Sales\", \"Marketing\"] && user.employeeType == \"employee\"").Plan();

        plan.OnlyChanges((Add, "alice"));
    }

    [Fact]
    public void Custom_attribute_missing_holds_that_users_removal_and_grants_nothing_new()
    {
        var plan = Staff("user.attributes[\"costCenter\"] == \"4711\"").InApp("alice", "ANALYST").InApp("carol", "ANALYST").Plan();

        // carol is in scope; alice and bob have no costCenter: unknown. alice keeps her seat (withheld, not removed), bob gets none.
        plan.OnlyChanges();
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == PlanningWorld.Email("alice"));
        Assert.DoesNotContain(plan.Withheld, c => c.Email == PlanningWorld.Email("carol"));
    }

    [Fact]
    public void Guarded_custom_attribute_excludes_instead_of_holding()
    {
        var plan = Staff("\"costCenter\" in user.attributes && user.attributes[\"costCenter\"] == \"4711\"").InApp("alice", "ANALYST").Plan();

        plan.OnlyChanges((Remove, "alice"), (Add, "carol"));
    }

    [Fact]
    public void Scope_that_does_not_compile_makes_the_share_invalid_and_keeps_its_users_access()
    {
        var world = Staff("user.employeeType !=").InApp("alice", "ANALYST");

        var plan = world.Plan();

        Assert.Empty(plan.Changes);
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == PlanningWorld.Email("alice"));
        Assert.Contains(world.Model().Problems, p => p.Field == "spec.scope" && p.Key == "default/staff");
    }

    [Fact]
    public void Scope_naming_another_variable_is_refused()
    {
        Assert.Null(ShareScope.Compile("person.department == \"Sales\"", out var error));
        Assert.Contains("user", error, StringComparison.Ordinal);
    }
}
