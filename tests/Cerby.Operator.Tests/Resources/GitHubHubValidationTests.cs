using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using k8s.Models;

namespace Cerby.Operator.Tests.Resources;

/// <summary>A github hub declares roles GitHub has: org roles admin or member, team roles maintainer or member.</summary>
public sealed class GitHubHubValidationTests
{
    [Fact]
    public void A_github_hub_with_org_and_team_roles_github_has_is_valid()
    {
        Assert.Empty(ResourceValidator.ValidateHub(Hub(new HubRole { Name = "Owner", NativeRole = "admin", AssetTasks = ["maintainer"] },
            new HubRole { Name = "Engineer", NativeRole = "member", AssetTasks = ["member"] })));
    }

    [Fact]
    public void Native_roles_and_team_roles_github_does_not_have_are_reported_by_field()
    {
        var problems = ResourceValidator.ValidateHub(Hub(new HubRole { Name = "Owner", NativeRole = "owner", AssetTasks = ["admin"] })).ToList();

        Assert.Contains(problems, p => p.Field == "spec.roles[0].nativeRole" && p.Message.Contains("admin or member", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "spec.roles[0].assetTasks" && p.Message.Contains("maintainer or member", StringComparison.Ordinal));
    }

    [Fact]
    public void A_github_hub_without_its_organization_settings_is_reported()
    {
        var hub = Hub(new HubRole { Name = "Engineer", NativeRole = "member" });
        hub.Spec = hub.Spec with { Connector = hub.Spec.Connector with { GitHub = null } };

        Assert.Contains(ResourceValidator.ValidateHub(hub), p => p.Field == "spec.connector.github");
    }

    private static BusinessHub Hub(params HubRole[] roles) => new()
    {
        Metadata = new V1ObjectMeta { Name = "github", NamespaceProperty = "eng" },
        Spec = new BusinessHubSpec
        {
            Connector = new HubConnector
            {
                Type = ConnectorType.GitHub,
                BaseUrl = "https://api.github.com",
                CredentialsSecretRef = new SecretReference { Name = "github-token" },
                GitHub = new GitHubConnectorSettings { Organization = "acme", EmailDomain = "example.com" },
            },
            Roles = [.. roles],
        },
    };
}
