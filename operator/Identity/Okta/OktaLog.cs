using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>The Okta client's log lines. Paths only: never headers, tokens or bodies.</summary>
internal static partial class OktaLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Okta rate limit reached on {Path}; waiting {Wait} for the window to reset (attempt {Attempt})")]
    public static partial void RateLimited(this ILogger logger, string path, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Okta answered {Status} on {Path}; retrying in {Wait} (attempt {Attempt})")]
    public static partial void ServerError(this ILogger logger, string path, int status, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "No answer from Okta on {Path} ({Reason}); retrying in {Wait} (attempt {Attempt})")]
    public static partial void NoAnswer(this ILogger logger, string path, string reason, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "IdentityProvider {Idp}: {What} could not be read: {Problem}")]
    public static partial void ReadFailed(this ILogger logger, string idp, string what, string problem);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: {Events} new Okta events ({Duplicates} already seen)")]
    public static partial void SystemLogPolled(this ILogger logger, string idp, int events, int duplicates);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Debug, Message = "IdentityProvider {Idp}: applied membership events to {Groups} groups and lifecycle events to {Lifecycles} users without a read; read {GroupsRead} groups and {UsersRead} users again")]
    public static partial void ChangesApplied(this ILogger logger, string idp, int groups, int lifecycles, int groupsRead, int usersRead);
}
