using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Tests.Planning;
using k8s.Models;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>
/// The declared side of the seed flows for Okta tests: hub "hub" (Admin > Editor > Viewer), teams shared into it, each
/// team bound to the Okta group of the same display name, and optionally an IdLCM app integration.
/// </summary>
internal sealed class AccessWorld
{
    public const string Hub = "default/hub";

    private readonly List<TeamShare> _shares = [];
    private readonly List<IdpGroupBinding> _bindings = [];
    private AppIntegration? _integration;

    public AccessWorld Team(string group, string role)
    {
        var team = group.ToLowerInvariant().Replace(' ', '-');
        _shares.Add(new TeamShare { Metadata = Meta(team), Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = team }, Role = role } });
        _bindings.Add(new IdpGroupBinding { Metadata = Meta(team), Spec = new IdpGroupBindingSpec { IdentityProviderRef = new() { Name = "okta" }, Group = new() { DisplayName = group }, Team = team } });
        return this;
    }

    public AccessWorld App(string appId, string role, string? roleAttribute = null, params (string Idp, string App)[] mappings)
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
        var idp = new IdentityProvider
        {
            Metadata = Meta("okta"),
            Spec = new IdentityProviderSpec { Type = IdentityProviderType.Okta, Okta = new OktaSettings { OrgUrl = "https://example.okta.com" }, CredentialsSecretRef = new() { Name = "okta" }, AppIntegration = _integration },
        };
        var identity = new IdentitySnapshot(new Dictionary<string, IdpDirectory> { [directory.Name] = directory });
        return AccessModel.Build(new DeclaredState([hub], _shares, _bindings, [idp]), identity, now ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Each desired member's winning role on the hub, by email.</summary>
    public static IReadOnlyDictionary<string, string> Roles(AccessModel model) =>
        model.Desired(Hub).Members.Values.ToDictionary(m => m.Email, m => Entitlement.Of(model.Hubs[Hub], m)!.Role.Name, StringComparer.Ordinal);

    private static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = "default" };
}
