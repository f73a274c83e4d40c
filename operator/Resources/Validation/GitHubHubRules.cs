namespace Cerby.Operator.Resources.Validation;

/// <summary>
/// What a github hub must declare: its settings, native roles GitHub has (org roles admin or member), asset tasks that
/// are team roles (maintainer or member).
/// </summary>
internal static class GitHubHubRules
{
    private static readonly string[] OrgRoles = ["admin", "member"];
    private static readonly string[] TeamRoles = ["maintainer", "member"];

    public static IEnumerable<ValidationProblem> Validate(BusinessHub hub, string key)
    {
        var connector = hub.Spec.Connector;
        if (connector.Type != ConnectorType.GitHub)
        {
            yield break;
        }

        if (connector.GitHub is null || string.IsNullOrEmpty(connector.GitHub.Organization) || string.IsNullOrEmpty(connector.GitHub.EmailDomain))
        {
            yield return new("BusinessHub", key, "spec.connector.github", "a github connector needs github.organization and github.emailDomain");
        }

        for (var i = 0; i < hub.Spec.Roles.Count; i++)
        {
            var role = hub.Spec.Roles[i];
            if (!OrgRoles.Contains(role.NativeRole, StringComparer.Ordinal))
            {
                yield return new("BusinessHub", key, $"spec.roles[{i}].nativeRole", $"\"{role.NativeRole}\" is not a GitHub organization role (admin or member)");
            }

            foreach (var task in role.AssetTasks.Where(t => !TeamRoles.Contains(t, StringComparer.Ordinal)))
            {
                yield return new("BusinessHub", key, $"spec.roles[{i}].assetTasks", $"\"{task}\" is not a GitHub team role (maintainer or member)");
            }
        }
    }
}
