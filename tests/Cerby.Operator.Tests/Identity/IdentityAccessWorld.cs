using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Tests.Planning;
using k8s.Models;

namespace Cerby.Operator.Tests.Identity;

/// <summary>
/// The declared side of the seed flows for identity tests, whatever the IdP: hub "hub" (Admin > Editor > Viewer), teams
/// shared into it, each team bound to the IdP group of the same display name (or an id), and optionally an IdLCM app
/// integration. <see cref="Okta"/>, <see cref="Entra"/> and <see cref="Scim"/> name the IdentityProvider like the
/// fixtures of each IdP do.
/// </summary>
internal sealed class IdentityAccessWorld
{
    public const string Hub = "default/hub";

    private readonly List<TeamShare> _shares = [];
    private readonly List<IdpGroupBinding> _bindings = [];
    private readonly string _idpName;
    private readonly IdentityProviderSpec _idpSpec;
    private AppIntegration? _integration;

    private IdentityAccessWorld(string idpName, IdentityProviderSpec idpSpec) => (_idpName, _idpSpec) = (idpName, idpSpec);

    /// <summary>IdentityProvider "okta".</summary>
    public static IdentityAccessWorld Okta() => new("okta", new IdentityProviderSpec
    {
        Type = IdentityProviderType.Okta, Okta = new OktaSettings { OrgUrl = "https://example.okta.com" }, CredentialsSecretRef = new() { Name = "okta" },
    });

    /// <summary>IdentityProvider "entra".</summary>
    public static IdentityAccessWorld Entra() => new("entra", new IdentityProviderSpec
    {
        Type = IdentityProviderType.Entra, Entra = new EntraSettings { TenantId = "tenant", ClientId = "client" }, CredentialsSecretRef = new() { Name = "entra" },
    });

    /// <summary>IdentityProvider "scim", which the IdP pushes to.</summary>
    public static IdentityAccessWorld Scim() => new("scim", new IdentityProviderSpec { Type = IdentityProviderType.Scim, CredentialsSecretRef = new() { Name = "scim-token" } });

    /// <summary>The group references the bindings name, for a source's full read.</summary>
    public IReadOnlyList<IdpGroupReference> BoundGroups => [.. _bindings.Select(b => b.Spec.Group)];

    public IdentityAccessWorld Team(string group, string role, string? groupId = null)
    {
        var team = group.ToLowerInvariant().Replace(' ', '-');
        var reference = groupId is null ? new IdpGroupReference { DisplayName = group } : new IdpGroupReference { Id = groupId };
        _shares.Add(new TeamShare { Metadata = Meta(team), Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = team }, Role = role } });
        _bindings.Add(new IdpGroupBinding { Metadata = Meta(team), Spec = new IdpGroupBindingSpec { IdentityProviderRef = new() { Name = _idpName }, Group = reference, Team = team } });
        return this;
    }

    public IdentityAccessWorld App(string appId, string role, string? roleAttribute = null, params (string Idp, string App)[] mappings)
    {
        _integration = new AppIntegration
        {
            AppId = appId,
            HubRef = new() { Name = "hub" },
            Role = role,
            RoleAttribute = roleAttribute,
            AttributeMappings = [.. mappings.Select(m => new AttributeMapping { IdpAttribute = m.Idp, AppAttribute = m.App })],
        };
        return this;
    }

    public AccessModel Model(IdpDirectory directory, DateTimeOffset? now = null)
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
        var idp = new IdentityProvider { Metadata = Meta(_idpName), Spec = _idpSpec with { AppIntegration = _integration } };
        var identity = new IdentitySnapshot(new Dictionary<string, IdpDirectory> { [directory.Name] = directory });
        return AccessModel.Build(new DeclaredState([hub], _shares, _bindings, [idp]), identity, now ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Each desired member's winning role on the hub, by email.</summary>
    public static IReadOnlyDictionary<string, string> Roles(AccessModel model) =>
        model.Desired(Hub).Members.Values.ToDictionary(m => m.Email, m => Entitlement.Of(model.Hubs[Hub], m)!.Role.Name, StringComparer.Ordinal);

    /// <summary>An app member the operator provisioned ("alice" is alice@example.com).</summary>
    public static ActualMember Member(string name, string role) =>
        new($"{name}@example.com", $"{name}@example.com", "app-" + name, role, MemberState.Active, true, [], new Dictionary<string, string>());

    /// <summary>The plan for the hub when the app has these users, all as EMPLOYEE.</summary>
    public static AccessPlan Plan(AccessModel model, params string[] appUsers)
    {
        var app = new ActualAccess(Hub, appUsers.ToDictionary(PlanningWorld.Email, n => Member(n, "EMPLOYEE")));
        return AccessPlanner.Plan(model.Hubs[Hub], model.Desired(Hub), app);
    }

    private static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = "default" };
}
