using System.Text.Json.Nodes;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>
/// A hub's native roles are checked at admission, by the CRD's CEL rules, for the apps whose roles are a fixed list:
/// <c>kubectl apply</c> of a hub naming a role the app does not have is refused with a message that lists the roles.
/// </summary>
public sealed class HubNativeRoleAdmissionTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    private const string Ns = KubectlCluster.Namespace;

    [Theory]
    [InlineData("github", """{"github":{"organization":"acme","emailDomain":"acme.example"}}""", "admin", "owner", "admin or member")]
    [InlineData("googleAds", """{"googleAds":{"customerId":"1234567890"}}""", "STANDARD", "OWNER", "ADMIN, STANDARD, READ_ONLY or EMAIL_ONLY")]
    [InlineData("linkedin", """{"linkedIn":{"adAccountId":"507404993"}}""", "CAMPAIGN_MANAGER", "ADMIN", "ACCOUNT_BILLING_ADMIN, ACCOUNT_MANAGER")]
    [InlineData("tiktok", """{"businessCenterId":"7000000000000000001"}""", "STANDARD:ANALYST", "STANDARD:OWNER", "ADMIN or STANDARD, optionally with :MANAGER or :ANALYST")]
    public async Task A_hub_naming_a_role_its_app_does_not_have_is_refused_and_a_known_one_is_accepted(
        string type, string settings, string known, string unknown, string message)
    {
        var refusedName = $"{type.ToLowerInvariant()}-unknown-role";
        var refused = (await cluster.Kubectl.RunAsync("apply", "-f", Write(Hub(refusedName, type, settings, unknown)))).Failed();
        Assert.Contains($"The BusinessHub \"{refusedName}\" is invalid", refused);
        Assert.Contains(message, refused);

        var acceptedName = $"{type.ToLowerInvariant()}-known-role";
        var accepted = (await cluster.Kubectl.RunAsync("apply", "-f", Write(Hub(acceptedName, type, settings, known)))).Succeeded();
        Assert.Contains($"businesshub.access.cerby.io/{acceptedName} created", accepted);
    }

    private static JsonObject Hub(string name, string type, string settings, string nativeRole)
    {
        var connector = JsonNode.Parse(settings)!.AsObject();
        connector["type"] = type;
        connector["baseUrl"] = "https://app.example";
        connector["credentialsSecretRef"] = new JsonObject { ["name"] = "app-token" };
        return new JsonObject
        {
            ["apiVersion"] = "access.cerby.io/v1alpha1",
            ["kind"] = "BusinessHub",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = new JsonObject
            {
                ["connector"] = connector,
                ["roles"] = new JsonArray(new JsonObject { ["name"] = "Admin", ["nativeRole"] = nativeRole }),
            },
        };
    }

    private static string Write(JsonObject manifest) => TeamShares.WriteTempFile(manifest);
}
