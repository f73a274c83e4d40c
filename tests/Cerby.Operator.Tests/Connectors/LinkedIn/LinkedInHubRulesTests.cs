using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using k8s.Models;

namespace Cerby.Operator.Tests.Connectors.LinkedIn;

/// <summary>Admission of linkedin hubs: settings present, native roles LinkedIn knows, no invitations, each person once.</summary>
public sealed class LinkedInHubRulesTests
{
    [Fact]
    public void A_valid_linkedin_hub_has_no_problems()
    {
        Assert.Empty(ResourceValidator.ValidateHub(Hub(["ACCOUNT_MANAGER", "VIEWER"])));
    }

    [Fact]
    public void Unknown_native_roles_invitations_missing_settings_and_repeated_people_are_refused()
    {
        var hub = Hub(["ACCOUNT_MANAGER", "ADMIN"], inviteRequired: true,
            people: [new() { Email = "a@x.test", PersonUrn = "urn:li:person:A1" }, new() { Email = "A@x.test", PersonUrn = "urn:li:person:A1" }]);
        var noSettings = Hub(["VIEWER"]);
        noSettings = new BusinessHub { Metadata = noSettings.Metadata, Spec = noSettings.Spec with { Connector = noSettings.Spec.Connector with { LinkedIn = null } } };

        var fields = ResourceValidator.ValidateHub(hub).Select(p => p.Field).ToList();

        Assert.Equal(["spec.connector.inviteRequired", "spec.roles[1].nativeRole", "spec.connector.linkedIn.people[1].email", "spec.connector.linkedIn.people[1].personUrn"], fields);
        Assert.Equal(["spec.connector.linkedIn"], ResourceValidator.ValidateHub(noSettings).Select(p => p.Field));
    }

    private static BusinessHub Hub(string[] nativeRoles, bool inviteRequired = false, List<LinkedInPerson>? people = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "ads", NamespaceProperty = "marketing" },
        Spec = new BusinessHubSpec
        {
            Connector = new HubConnector
            {
                Type = ConnectorType.LinkedIn,
                BaseUrl = "https://api.linkedin.com/rest",
                InviteRequired = inviteRequired,
                LinkedIn = new LinkedInSettings { AdAccountId = "516986977", People = people ?? [] },
            },
            Roles = [.. nativeRoles.Select((r, i) => new HubRole { Name = $"Role{i}", NativeRole = r })],
        },
    };
}
