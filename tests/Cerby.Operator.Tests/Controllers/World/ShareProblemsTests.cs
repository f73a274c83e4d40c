using Cerby.Operator.Controllers.World;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Tests.Controllers.World;

/// <summary>A share is reconciled again when what it shows as invalid changed in a new snapshot, and only then.</summary>
public sealed class ShareProblemsTests
{
    private static readonly ValidationProblem BadRole = new("TeamShare", "ns/bad", "spec.role", "\"Owner\" is not a role of hub scim-app");
    private static readonly ValidationProblem BadTeam = new("TeamShare", "ns/bad", "spec.team", "no IdpGroupBinding feeds team ops");
    private static readonly ValidationProblem HubProblem = new("BusinessHub", "ns/scim-app", "spec.roles", "duplicate role Viewer");

    public static TheoryData<string, ValidationProblem[], ValidationProblem[], string[]> Cases => new()
    {
        { "a share becomes invalid", [], [BadRole], ["ns/bad"] },
        { "a share is fixed", [BadRole], [], ["ns/bad"] },
        { "the same problem again", [BadRole], [BadRole], [] },
        { "another problem of the same share", [BadRole], [BadTeam], ["ns/bad"] },
        { "a second problem added", [BadRole], [BadRole, BadTeam], ["ns/bad"] },
        { "problems of other kinds only", [], [HubProblem], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shares_whose_problems_differ_are_named(string name, ValidationProblem[] before, ValidationProblem[] after, string[] expected)
    {
        Assert.True(expected.SequenceEqual(ShareProblems.Changed(before, after).Order(StringComparer.Ordinal)), name);
    }

    [Theory]
    [InlineData("invalid now, shows valid", true, "Granted", true)]
    [InlineData("invalid now, shows invalid (its message names the problems)", true, "InvalidShare", true)]
    [InlineData("valid now, still shows invalid", false, "InvalidShare", true)]
    [InlineData("valid now, still shows an invalid scope", false, "InvalidScope", true)]
    [InlineData("valid now and shows valid: a stale snapshot's problems came and went", false, "Granted", false)]
    public void A_share_is_reconciled_only_when_its_status_must_show_the_change(string name, bool invalidNow, string shownReason, bool expected)
    {
        var share = new TeamShare
        {
            Metadata = new() { Name = "bad", NamespaceProperty = "ns" },
            Status = new TeamShareStatus { Conditions = [new Condition { Type = "Ready", Status = ConditionStatus.True, Reason = shownReason, Message = "" }] },
        };

        Assert.True(expected == ShareProblems.MustShow(invalidNow, share), name);
        Assert.False(ShareProblems.MustShow(invalidNow, null), "a share that is gone");
    }
}
