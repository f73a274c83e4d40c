using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Schema;
using Cerby.Operator.Resources.Validation;
using k8s.Models;

namespace Cerby.Operator.Tests.Resources;

/// <summary>A tiktok hub names its Business Center, roles and asset roles TikTok knows, and shares ad accounts and catalogs only.</summary>
public sealed class TikTokHubValidationTests
{
    [Fact]
    public void A_tiktok_hub_with_known_roles_and_a_business_center_is_valid()
    {
        Assert.Empty(ResourceValidator.ValidateHub(Hub("7012345678901234567", ("Admin", "ADMIN", ["ADMIN"]), ("Finance", "STANDARD:ANALYST", ["ANALYST", "AD_PROMOTE"]))));
    }

    [Fact]
    public void Unknown_native_roles_asset_roles_and_a_missing_business_center_are_each_named()
    {
        var problems = ResourceValidator.ValidateHub(Hub(null, ("Admin", "EMPLOYEE", ["MANAGE"]), ("Viewer", "STANDARD:VIEWER", []))).ToList();

        Assert.Equal(
            ["spec.connector.businessCenterId", "spec.roles[0].nativeRole", "spec.roles[0].assetTasks", "spec.roles[1].nativeRole"],
            problems.Select(p => p.Field));
        Assert.Contains("not a TikTok Business Center role", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_of_a_page_on_a_tiktok_hub_is_refused()
    {
        var share = new TeamShare
        {
            Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = "team-a" },
            Spec = new TeamShareSpec
            {
                HubRef = new LocalObjectReference { Name = "tiktok" },
                Subject = new ShareSubject { Team = "ads" },
                Role = "Admin",
                Assets = [new AssetShare { Kind = AssetKind.Page, Id = "1" }, new AssetShare { Kind = AssetKind.AdAccount, Id = "2" }],
            },
        };

        var problems = ResourceValidator.ValidateShare(share, Hub("1", ("Admin", "ADMIN", ["ADMIN"]))).ToList();

        Assert.Equal(["spec.assets[0].kind"], problems.Select(p => p.Field));
    }

    [Fact]
    public void The_schema_requires_businessCenterId_for_a_tiktok_connector()
    {
        var crd = CrdGenerator.Generate(typeof(BusinessHub)).Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].Properties["connector"];

        Assert.Contains(crd.XKubernetesValidations, r => r.Rule == "self.type != 'tiktok' || has(self.businessCenterId)");
        Assert.Contains("tiktok", crd.Properties["type"].EnumProperty.Select(e => e?.ToString()));
    }

    private static BusinessHub Hub(string? bcId, params (string Name, string Native, List<string> Tasks)[] roles) => new()
    {
        Metadata = new V1ObjectMeta { Name = "tiktok", NamespaceProperty = "team-a" },
        Spec = new BusinessHubSpec
        {
            Connector = new HubConnector
            {
                Type = ConnectorType.TikTok,
                BaseUrl = "https://business-api.tiktok.com/open_api/v1.3",
                CredentialsSecretRef = new SecretReference { Name = "tiktok-token" },
                InviteRequired = true,
                BusinessCenterId = bcId,
            },
            Roles = [.. roles.Select(r => new HubRole { Name = r.Name, NativeRole = r.Native, AssetTasks = r.Tasks })],
        },
    };
}
