
namespace Cerby.Operator.Resources.Validation;

/// <summary>What a googleAds hub must declare: its customer, and native roles that are Google Ads access roles.</summary>
internal static class GoogleAdsHubRules
{
    public static IEnumerable<ValidationProblem> Validate(BusinessHub hub, string key)
    {
        if (hub.Spec.Connector.Type != ConnectorType.GoogleAds)
        {
            yield break;
        }

        if (string.IsNullOrEmpty(hub.Spec.Connector.GoogleAds?.CustomerId))
        {
            yield return new("BusinessHub", key, "spec.connector.googleAds.customerId", "a googleAds connector needs googleAds.customerId");
        }

        for (var i = 0; i < hub.Spec.Roles.Count; i++)
        {
            if (!GoogleAdsRoles.IsKnown(hub.Spec.Roles[i].NativeRole))
            {
                yield return new("BusinessHub", key, $"spec.roles[{i}].nativeRole",
                    $"\"{hub.Spec.Roles[i].NativeRole}\" is not a Google Ads access role ({string.Join(", ", GoogleAdsRoles.All)})");
            }
        }
    }
}
