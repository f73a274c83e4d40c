using System.Text.Json.Nodes;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Schema;
using Cerby.Operator.Resources.Validation;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.Resources;

/// <summary>A googleAds hub is refused at admission when its customer or native roles are not what Google Ads knows.</summary>
public sealed class GoogleAdsHubValidationTests
{
    private static readonly V1JSONSchemaProps HubSchema = CrdGenerator.Generate(typeof(BusinessHub)).Spec.Versions[0].Schema.OpenAPIV3Schema;

    [Fact]
    public void A_native_role_Google_Ads_does_not_know_is_named_with_the_roles_it_knows()
    {
        var problems = ResourceValidator.ValidateHub(Hub("1234567890", "ADMIN", "EDITOR")).ToList();

        var problem = Assert.Single(problems);
        Assert.Equal("spec.roles[1].nativeRole", problem.Field);
        Assert.Contains("ADMIN, STANDARD, READ_ONLY, EMAIL_ONLY", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hub_without_its_customer_is_refused()
    {
        var problems = ResourceValidator.ValidateHub(Hub(null, "ADMIN", "READ_ONLY")).ToList();

        Assert.Equal(["spec.connector.googleAds.customerId"], problems.Select(p => p.Field));
    }

    [Fact]
    public void A_valid_hub_passes_and_a_customer_id_with_dashes_fails_the_schema()
    {
        Assert.Empty(ResourceValidator.ValidateHub(Hub("1234567890", "ADMIN", "STANDARD", "READ_ONLY", "EMAIL_ONLY")));
        var json = JsonNode.Parse(KubernetesJson.Serialize(Hub("123-456-7890", "ADMIN")))!;

        var errors = SchemaValidator.Validate(json, HubSchema);

        Assert.Contains(errors, e => e.ToString().Contains("spec.connector.googleAds.customerId", StringComparison.Ordinal));
    }

    private static BusinessHub Hub(string? customerId, params string[] nativeRoles) => new()
    {
        ApiVersion = "access.cerby.io/v1alpha1",
        Kind = "BusinessHub",
        Metadata = new V1ObjectMeta { Name = "ads", NamespaceProperty = "marketing" },
        Spec = new BusinessHubSpec
        {
            Connector = new HubConnector
            {
                Type = ConnectorType.GoogleAds,
                BaseUrl = "https://googleads.googleapis.com/v25",
                CredentialsSecretRef = new SecretReference { Name = "google-ads" },
                InviteRequired = true,
                GoogleAds = customerId is null ? null : new GoogleAdsSettings { CustomerId = customerId },
            },
            Roles = [.. nativeRoles.Select((r, i) => new HubRole { Name = $"Role{i}", NativeRole = r })],
        },
    };
}
