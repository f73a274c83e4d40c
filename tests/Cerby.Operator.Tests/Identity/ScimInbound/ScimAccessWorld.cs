using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Tests.Planning;
using k8s.Models;

namespace Cerby.Operator.Tests.Identity.ScimInbound;

/// <summary>
/// The declared side of the seed flows for an IdentityProvider of type scim ("default/scim"): hub "hub"
/// (Admin > Editor > Viewer), teams shared into it, each bound to the pushed group of the same display name (or id).
/// </summary>
internal sealed class ScimAccessWorld
{
    public const string Hub = "default/hub";

    private readonly List<TeamShare> _shares = [];
    private readonly List<IdpGroupBinding> _bindings = [];

    public ScimAccessWorld Team(string group, string role, string? groupId = null)
    {
        var team = group.ToLowerInvariant().Replace(' ', '-');
        _shares.Add(new TeamShare { Metadata = Meta(team), Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = team }, Role = role } });
        var reference = groupId is null ? new IdpGroupReference { DisplayName = group } : new IdpGroupReference { Id = groupId };
        _bindings.Add(new IdpGroupBinding { Metadata = Meta(team), Spec = new IdpGroupBindingSpec { IdentityProviderRef = new() { Name = "scim" }, Group = reference, Team = team } });
        return this;
    }

    public IReadOnlyList<IdpGroupReference> BoundGroups => [.. _bindings.Select(b => b.Spec.Group)];

    public AccessModel Model(IdpDirectory directory)
    {
        var hub = new BusinessHub
        {
            Metadata = Meta("hub"),
            Spec = new BusinessHubSpec
            {
                Connector = new HubConnector { Type = ConnectorType.Meta, BaseUrl = "https://graph.example.test", BusinessId = "1", CredentialsSecretRef = new() { Name = "meta" } },
                Roles = [.. PlanningWorld.DefaultRoles],
                Policy = new HubPolicy { RemovalGuard = new RemovalGuard { MaxRemovals = 1000, MaxRemovalsPercent = 100 } },
            },
        };
        var idp = new IdentityProvider
        {
            Metadata = Meta("scim"),
            Spec = new IdentityProviderSpec { Type = IdentityProviderType.Scim, CredentialsSecretRef = new() { Name = "scim-token" } },
        };
        var identity = new IdentitySnapshot(new Dictionary<string, IdpDirectory> { [directory.Name] = directory });
        return AccessModel.Build(new DeclaredState([hub], _shares, _bindings, [idp]), identity, DateTimeOffset.UtcNow);
    }

    /// <summary>Each desired member's winning role on the hub, by email.</summary>
    public static IReadOnlyDictionary<string, string> Roles(AccessModel model) =>
        model.Desired(Hub).Members.Values.ToDictionary(m => m.Email, m => Entitlement.Of(model.Hubs[Hub], m)!.Role.Name, StringComparer.Ordinal);

    /// <summary>The plan for the hub when the app has these users ("alice" is alice@example.com), all as EMPLOYEE.</summary>
    public static AccessPlan Plan(AccessModel model, params string[] appUsers)
    {
        var app = new ActualAccess(Hub, appUsers.ToDictionary(PlanningWorld.Email, n => Okta.OktaSeedFlowTests.Member(n, "EMPLOYEE")));
        return AccessPlanner.Plan(model.Hubs[Hub], model.Desired(Hub), app);
    }

    private static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = "default" };
}
