namespace Cerby.Operator.Resources.Validation;

/// <summary>
/// Checks that need more than one resource (a share's role must be one of its hub's roles) or that the CRD schema
/// states only as CEL (exactly one of team or user). The operator turns problems into not-Ready conditions; the
/// plan command prints them and fails.
/// </summary>
public static class ResourceValidator
{
    /// <summary>All problems of the declared state, in a stable order.</summary>
    public static IReadOnlyList<ValidationProblem> Validate(DeclaredState state)
    {
        var problems = new List<ValidationProblem>();
        var hubs = new Dictionary<string, BusinessHub>(StringComparer.Ordinal);
        foreach (var hub in state.Hubs)
        {
            problems.AddRange(ValidateHub(hub));
            hubs.TryAdd(ResourceKeys.Of(hub.Metadata), hub);
        }

        var idps = new Dictionary<string, IdentityProvider>(StringComparer.Ordinal);
        foreach (var idp in state.IdentityProviders)
        {
            idps.TryAdd(ResourceKeys.Of(idp.Metadata), idp);
        }

        foreach (var idp in state.IdentityProviders)
        {
            problems.AddRange(ValidateIdentityProvider(idp, hubs));
        }

        foreach (var share in state.Shares)
        {
            problems.AddRange(ValidateShare(share, hubs.GetValueOrDefault(ResourceKeys.Sibling(share.Metadata, share.Spec.HubRef.Name))));
        }

        foreach (var binding in state.Bindings)
        {
            problems.AddRange(ValidateBinding(binding, idps));
        }

        problems.AddRange(Duplicates("BusinessHub", state.Hubs.Select(h => ResourceKeys.Of(h.Metadata))));
        problems.AddRange(Duplicates("TeamShare", state.Shares.Select(s => ResourceKeys.Of(s.Metadata))));
        problems.AddRange(Duplicates("IdpGroupBinding", state.Bindings.Select(b => ResourceKeys.Of(b.Metadata))));
        problems.AddRange(Duplicates("IdentityProvider", state.IdentityProviders.Select(i => ResourceKeys.Of(i.Metadata))));
        return problems;
    }

    /// <summary>Problems of one hub on its own.</summary>
    public static IEnumerable<ValidationProblem> ValidateHub(BusinessHub hub)
    {
        var key = ResourceKeys.Of(hub.Metadata);
        if (hub.Spec.Roles.Count == 0)
        {
            yield return new("BusinessHub", key, "spec.roles", "a hub needs at least one role");
        }

        foreach (var group in hub.Spec.Roles.Select((r, i) => (r, i)).GroupBy(x => x.r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new("BusinessHub", key, $"spec.roles[{group.Last().i}].name", $"duplicate role \"{group.Key}\"");
        }

        if (hub.Spec.Connector.Type == ConnectorType.Meta && string.IsNullOrEmpty(hub.Spec.Connector.BusinessId))
        {
            yield return new("BusinessHub", key, "spec.connector.businessId", "a meta connector needs businessId");
        }

        foreach (var problem in TikTokHubRules.HubProblems(hub, key))
        {
            yield return problem;
        }

        foreach (var problem in LinkedInHubRules.Validate(hub, key))
        {
            yield return problem;
        }

        foreach (var problem in GitHubHubRules.Validate(hub, key))
        {
            yield return problem;
        }

        foreach (var problem in GoogleAdsHubRules.Validate(hub, key))
        {
            yield return problem;
        }
    }

    /// <summary>Problems of one share, given its hub (null when the hub does not exist).</summary>
    public static IEnumerable<ValidationProblem> ValidateShare(TeamShare share, BusinessHub? hub)
    {
        var key = ResourceKeys.Of(share.Metadata);
        var subject = share.Spec.Subject;
        if (string.IsNullOrEmpty(subject.Team) == string.IsNullOrEmpty(subject.User))
        {
            yield return new("TeamShare", key, "spec.subject", "exactly one of team or user must be set");
        }

        if (hub is null)
        {
            yield return new("TeamShare", key, "spec.hubRef.name", $"BusinessHub \"{share.Spec.HubRef.Name}\" does not exist in namespace {ResourceKeys.NamespaceOf(share.Metadata)}");
            yield break;
        }

        var roles = hub.Spec.Roles.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var known = string.Join(", ", hub.Spec.Roles.Select(r => r.Name));
        if (!roles.ContainsKey(share.Spec.Role))
        {
            yield return new("TeamShare", key, "spec.role", $"role \"{share.Spec.Role}\" is not one of hub {hub.Metadata.Name}'s roles ({known})");
        }

        for (var i = 0; i < share.Spec.Assets.Count; i++)
        {
            var asset = share.Spec.Assets[i];
            var roleName = asset.Role ?? share.Spec.Role;
            if (!roles.TryGetValue(roleName, out var role))
            {
                if (asset.Role is not null)
                {
                    yield return new("TeamShare", key, $"spec.assets[{i}].role", $"role \"{asset.Role}\" is not one of hub {hub.Metadata.Name}'s roles ({known})");
                }
            }
            else if (role.AssetTasks.Count == 0)
            {
                yield return new("TeamShare", key, $"spec.assets[{i}]", $"role \"{roleName}\" of hub {hub.Metadata.Name} grants no asset tasks, so asset {asset.Id} cannot be shared with it");
            }
        }

        foreach (var problem in TikTokHubRules.ShareProblems(share, hub, key))
        {
            yield return problem;
        }

        foreach (var dup in share.Spec.Assets.GroupBy(a => (a.Kind, a.Id)).Where(g => g.Count() > 1))
        {
            yield return new("TeamShare", key, "spec.assets", $"asset {dup.Key.Id} is listed more than once");
        }
    }

    /// <summary>Problems of one binding, given the IdentityProviders by key.</summary>
    public static IEnumerable<ValidationProblem> ValidateBinding(IdpGroupBinding binding, IReadOnlyDictionary<string, IdentityProvider> idps)
    {
        var key = ResourceKeys.Of(binding.Metadata);
        if (string.IsNullOrEmpty(binding.Spec.Group.Id) && string.IsNullOrEmpty(binding.Spec.Group.DisplayName))
        {
            yield return new("IdpGroupBinding", key, "spec.group", "one of id or displayName must be set");
        }

        if (!idps.ContainsKey(ResourceKeys.Sibling(binding.Metadata, binding.Spec.IdentityProviderRef.Name)))
        {
            yield return new("IdpGroupBinding", key, "spec.identityProviderRef.name", $"IdentityProvider \"{binding.Spec.IdentityProviderRef.Name}\" does not exist in namespace {ResourceKeys.NamespaceOf(binding.Metadata)}");
        }
    }

    /// <summary>Problems of one IdentityProvider, given the hubs by key.</summary>
    public static IEnumerable<ValidationProblem> ValidateIdentityProvider(IdentityProvider idp, IReadOnlyDictionary<string, BusinessHub> hubs)
    {
        var key = ResourceKeys.Of(idp.Metadata);
        if (idp.Spec.Type == IdentityProviderType.Okta && idp.Spec.Okta is null)
        {
            yield return new("IdentityProvider", key, "spec.okta", "type okta needs the okta settings");
        }

        if (idp.Spec.Okta is { AuthMode: OktaAuthMode.PrivateKeyJwt, ClientId: null or "" })
        {
            yield return new("IdentityProvider", key, "spec.okta.clientId", "privateKeyJwt needs clientId");
        }

        if (idp.Spec.Type == IdentityProviderType.Entra && idp.Spec.Entra is null)
        {
            yield return new("IdentityProvider", key, "spec.entra", "type entra needs the entra settings");
        }

        if (idp.Spec.Type == IdentityProviderType.Scim && idp.Spec.AppIntegration is not null)
        {
            yield return new("IdentityProvider", key, "spec.appIntegration", "a scim IdP pushes users and groups, not app assignments: bind its groups with IdpGroupBindings instead of appIntegration");
        }

        if (idp.Spec.AppIntegration is { } app)
        {
            if (!hubs.TryGetValue(ResourceKeys.Sibling(idp.Metadata, app.HubRef.Name), out var hub))
            {
                yield return new("IdentityProvider", key, "spec.appIntegration.hubRef.name", $"BusinessHub \"{app.HubRef.Name}\" does not exist in namespace {ResourceKeys.NamespaceOf(idp.Metadata)}");
            }
            else if (!hub.Spec.Roles.Any(r => r.Name == app.Role))
            {
                yield return new("IdentityProvider", key, "spec.appIntegration.role", $"role \"{app.Role}\" is not one of hub {hub.Metadata.Name}'s roles ({string.Join(", ", hub.Spec.Roles.Select(r => r.Name))})");
            }
        }
    }

    private static IEnumerable<ValidationProblem> Duplicates(string kind, IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => new ValidationProblem(kind, g.Key, "metadata.name", "declared more than once"));
}
