using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Entra;

/// <summary>The Entra ID source's log lines. Paths only: never headers, tokens, secrets or bodies.</summary>
internal static partial class EntraLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Microsoft Graph throttled {Path} ({Status}); waiting {Wait} (attempt {Attempt})")]
    public static partial void Throttled(this ILogger logger, string path, int status, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Microsoft Graph answered {Status} on {Path}; retrying in {Wait} (attempt {Attempt})")]
    public static partial void ServerError(this ILogger logger, string path, int status, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "No answer from Microsoft Graph on {Path} ({Reason}); retrying in {Wait} (attempt {Attempt})")]
    public static partial void NoAnswer(this ILogger logger, string path, string reason, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "IdentityProvider {Idp}: {What} could not be read: {Problem}")]
    public static partial void ReadFailed(this ILogger logger, string idp, string what, string problem);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: delta round brought {Users} user and {Groups} group changes")]
    public static partial void Polled(this ILogger logger, string idp, int users, int groups);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Information, Message = "IdentityProvider {Idp}: no usable delta link ({Reason}); reading users, tracked groups and assignments again")]
    public static partial void Resync(this ILogger logger, string idp, string reason);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "IdentityProvider {Idp}: poll failed: {Problem}")]
    public static partial void PollFailed(this ILogger logger, string idp, string problem);
}
