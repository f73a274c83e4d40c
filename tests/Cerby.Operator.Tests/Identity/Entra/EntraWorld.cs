using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Tests.Planning;
using k8s.Models;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>
/// The declared side of the seed flows for Entra tests: hub "hub" (Admin > Editor > Viewer), teams shared into it, each
/// team bound to the Entra group of the same display name, and optionally the enterprise app as IdLCM integration.
/// </summary>
internal sealed class EntraWorld
{
    public const string Hub = "default/hub";

    private readonly List<TeamShare> _shares = [];
    private readonly List<IdpGroupBinding> _bindings = [];
    private AppIntegration? _integration;

    public EntraWorld Team(string group, string role)
    {
        var team = group.ToLowerInvariant().Replace(' ', '-');
        _shares.Add(new TeamShare { Metadata = Meta(team), Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = team }, Role = role } });
        _bindings.Add(new IdpGroupBinding { Metadata = Meta(team), Spec = new IdpGroupBindingSpec { IdentityProviderRef = new() { Name = "entra" }, Group = new() { DisplayName = group }, Team = team } });
        return this;
    }

    public EntraWorld App(string appId, string role, string? roleAttribute = null, params (string Idp, string App)[] mappings)
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
            Metadata = Meta("entra"),
            Spec = new IdentityProviderSpec
            {
                Type = IdentityProviderType.Entra,
                Entra = new EntraSettings { TenantId = "tenant", ClientId = "client" },
                CredentialsSecretRef = new() { Name = "entra" },
                AppIntegration = _integration,
            },
        };
        var identity = new IdentitySnapshot(new Dictionary<string, IdpDirectory> { [directory.Name] = directory });
        return AccessModel.Build(new DeclaredState([hub], _shares, _bindings, [idp]), identity, now ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Each desired member's winning role on the hub, by email.</summary>
    public static IReadOnlyDictionary<string, string> Roles(AccessModel model) =>
        model.Desired(Hub).Members.Values.ToDictionary(m => m.Email, m => Entitlement.Of(model.Hubs[Hub], m)!.Role.Name, StringComparer.Ordinal);

    public static ActualMember Member(string name, string role) =>
        new($"{name}@example.com", $"{name}@example.com", "app-" + name, role, MemberState.Active, true, [], new Dictionary<string, string>());

    private static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = "default" };
}
