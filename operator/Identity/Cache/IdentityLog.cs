using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Cache;

/// <summary>Log messages of the identity cache and its watchers. Never credentials: names, counts, reasons.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "IdentityProvider {Idp} could not be read; last-known membership is kept and marked stale: {Problem}")]
    public static partial void IdpUnreachable(this ILogger logger, string idp, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "IdentityProvider {Idp}: resumed from the saved directory ({Users} users, read completely at {LastFullRead:u}) and cursor; no full read")]
    public static partial void IdpResumed(this ILogger logger, string idp, int users, DateTimeOffset lastFullRead);

    [LoggerMessage(Level = LogLevel.Information, Message = "IdentityProvider {Idp}: reading everything instead of resuming: {Reason}")]
    public static partial void IdpCheckpointSkipped(this ILogger logger, string idp, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IdentityProvider {Idp}: the directory and cursor could not be saved to {Location}: {Reason}; a restart would read everything again")]
    public static partial void IdpCheckpointFailed(this ILogger logger, string idp, string location, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "IdentityProvider {Idp}: read {Count} newly bound groups by themselves ({Members} members), not the whole directory")]
    public static partial void IdpGroupsRead(this ILogger logger, string idp, int count, int members);
}
