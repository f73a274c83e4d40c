using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Scim;

/// <summary>The inbound SCIM endpoint's log lines: IdentityProvider, method, path and outcome; never headers, tokens or bodies.</summary>
internal static partial class ScimEndpointLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "IdentityProvider {Idp}: inbound SCIM endpoint registered")]
    public static partial void EndpointRegistered(this ILogger logger, string idp);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "IdentityProvider {Idp}: inbound SCIM endpoint unregistered")]
    public static partial void EndpointUnregistered(this ILogger logger, string idp);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "IdentityProvider {Idp}: SCIM {Method} {Path} refused: {Reason}")]
    public static partial void RequestUnauthorized(this ILogger logger, string idp, string method, string path, string reason);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Information, Message = "IdentityProvider {Idp}: SCIM {Method} {Path} answered {Status} {ScimType}: {Detail}")]
    public static partial void RequestRefused(this ILogger logger, string idp, string method, string path, int status, string? scimType, string detail);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: SCIM {Method} {Path} answered {Status}")]
    public static partial void RequestHandled(this ILogger logger, string idp, string method, string path, int status);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: read {Users} users and {Groups} groups from the SCIM store (version {Version})")]
    public static partial void StoreRead(this ILogger logger, string idp, int users, int groups, long version);

    [LoggerMessage(EventId = 5307, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: {Users} users and {Groups} groups changed in the SCIM store (version {From} to {To})")]
    public static partial void StorePolled(this ILogger logger, string idp, int users, int groups, long from, long to);

    [LoggerMessage(EventId = 5308, Level = LogLevel.Error, Message = "IdentityProvider {Idp}: SCIM {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, string idp, string method, string path, Exception exception);

    [LoggerMessage(EventId = 5309, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: stored {Changes} SCIM change(s) durably (version {Version}, attempt {Attempt})")]
    public static partial void StoreCommitted(this ILogger logger, string idp, int changes, long version, int attempt);

    [LoggerMessage(EventId = 5310, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: another replica stored a push first (attempt {Attempt}); reading again and re-applying")]
    public static partial void StoreCommitConflict(this ILogger logger, string idp, int attempt);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning, Message = "IdentityProvider {Idp}: a SCIM push could not be stored durably and was refused with 503: {Reason}")]
    public static partial void StoreCommitFailed(this ILogger logger, string idp, string reason);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: loaded {Parts} changed part(s) of the SCIM store (version {Version})")]
    public static partial void StoreLoaded(this ILogger logger, string idp, int parts, long version);
}
