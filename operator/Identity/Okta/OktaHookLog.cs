using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>Log messages of the Okta Event Hook endpoint (never headers or bodies).</summary>
internal static partial class OktaHookLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Okta Event Hook delivery for IdentityProvider {IdpKey} refused with {Status}: {Reason}")]
    public static partial void DeliveryRefused(this ILogger logger, string idpKey, int status, string reason);
}
