using Cerby.Operator.Controllers.Bindings;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using k8s.Models;

namespace Cerby.Operator.Tests.Controllers.Bindings;

/// <summary>A binding's pure decision as a table of named cases: GroupFound, Synced, Ready, and whether its group is looked up.</summary>
public sealed class IdpGroupBindingDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly IdpGroupReference Ops = new() { DisplayName = "Ops" };

    /// <param name="Conditions">"GroupFound Synced Ready" as "Status/Reason" each.</param>
    private sealed record Case(IdpGroupBindingInputs Inputs, string[] Conditions, bool RequestRead, int Members);

    private static readonly Dictionary<string, Case> Table = new()
    {
        ["no IdentityProvider: GroupFound Unknown, membership not known"] = new(
            new(Binding(), "default/okta", false, null),
            ["Unknown/IdentityProviderNotFound", "False/MembershipUnknown", "False/IdentityProviderNotFound"], false, 0),

        ["IdP read but this group never looked up: Pending, and a read is asked for"] = new(
            new(Binding(), "default/okta", true, State([], [])),
            ["Unknown/Pending", "False/MembershipUnknown", "False/Pending"], true, 0),

        ["IdP not read yet: Pending, no read asked for (the first read looks it up)"] = new(
            new(Binding(), "default/okta", true, null),
            ["Unknown/Pending", "False/MembershipUnknown", "False/Pending"], false, 0),

        ["group found, members known: Ready"] = new(
            new(Binding(), "default/okta", true, State([Lookup(GroupLookupOutcome.Read)], [Group(MembershipState.Known, "u1", "u2")])),
            ["True/Found", "True/MembershipKnown", "True/MembershipKnown"], false, 2),

        ["group found, members stale: not Ready, last-known count kept"] = new(
            new(Binding(), "default/okta", true, State([Lookup(GroupLookupOutcome.Read)], [Group(MembershipState.Stale, "u1")], problem: "HTTP 503")),
            ["True/Found", "False/MembershipStale", "False/MembershipStale"], false, 1),

        ["group not found: GroupNotFound"] = new(
            new(Binding(), "default/okta", true, State([Lookup(GroupLookupOutcome.NotFound, id: null)], [])),
            ["False/GroupNotFound", "False/MembershipUnknown", "False/GroupNotFound"], false, 0),

        ["two groups of that name: GroupAmbiguous"] = new(
            new(Binding(), "default/okta", true, State([Lookup(GroupLookupOutcome.Ambiguous, id: null)], [])),
            ["False/GroupAmbiguous", "False/MembershipUnknown", "False/GroupAmbiguous"], false, 0),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string name)
    {
        var test = Table[name];

        var decision = IdpGroupBindingDecision.Decide(test.Inputs, Now);

        Assert.Equal(test.RequestRead, decision.RequestRead);
        var conditions = decision.Status!.Conditions;
        Assert.Equal(test.Conditions, new[] { "GroupFound", "Synced", "Ready" }.Select(t => conditions.Single(c => c.Type == t)).Select(c => $"{c.Status}/{c.Reason}"));
        Assert.Equal(test.Members, decision.Status.MemberCount);
    }

    [Fact]
    public void A_deleted_binding_gets_no_status()
    {
        Assert.Null(IdpGroupBindingDecision.Decide(new IdpGroupBindingInputs(null, "", false, null), Now).Status);
    }

    private static IdpGroupBinding Binding() => new()
    {
        Metadata = new V1ObjectMeta { Name = "ops", NamespaceProperty = "default", Generation = 1 },
        Spec = new IdpGroupBindingSpec { IdentityProviderRef = new() { Name = "okta" }, Group = Ops, Team = "ops" },
    };

    private static GroupLookup Lookup(GroupLookupOutcome outcome, string? id = "00gops") => new(Ops, outcome, id, outcome == GroupLookupOutcome.Read ? null : $"lookup: {outcome}");

    private static IdpGroup Group(MembershipState state, params string[] members) => new("00gops", "Ops", state, members, Now);

    private static IdpState State(IReadOnlyList<GroupLookup> lookups, IReadOnlyList<IdpGroup> groups, string? problem = null) =>
        new(new IdpDirectory("default/okta", true, new Dictionary<string, IdpUser>(), groups.ToDictionary(g => g.Id), true, []), lookups, Now, Now, problem);
}
