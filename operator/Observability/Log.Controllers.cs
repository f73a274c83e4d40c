using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Observability;

/// <summary>Log messages of the domain controllers and identity watchers. Never credentials: names, keys, counts, reasons.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Access model rebuilt: {Hubs} hubs, {Problems} validation problems, in {Elapsed}")]
    public static partial void AccessModelBuilt(this ILogger logger, int hubs, int problems, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub {Hub}: {Action} {User} {From} → {To} ({Outcome}: {Detail}); reason: {Reason}")]
    public static partial void ChangeApplied(this ILogger logger, string hub, string action, string user, string from, string to, string outcome, string detail, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {Hub}: {Action} {User} failed ({Kind}): {Problem}")]
    public static partial void ChangeFailed(this ILogger logger, string hub, string action, string user, string kind, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {Hub}: the app throttled a write; its writes pause {Pause} and at most {Limit} go out at once, growing back as writes succeed")]
    public static partial void WritesBackedOff(this ILogger logger, string hub, int limit, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub {Hub}: {Action} {User}, sent before a restart or whose answer was lost, is {Outcome} by a read of the app")]
    public static partial void PendingChangeResolved(this ILogger logger, string hub, string action, string user, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {Hub}: the app could not be read ({Kind}): {Problem}")]
    public static partial void HubReadFailed(this ILogger logger, string hub, string kind, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub {Hub} synced: {Applied} changes applied, {Failed} failed, {Held} removals held, {Withheld} withheld, {Drift} drift")]
    public static partial void HubSynced(this ILogger logger, string hub, int applied, int failed, int held, int withheld, int drift);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Key}: {Problem}")]
    public static partial void ResourceProblem(this ILogger logger, string kind, string key, string problem);
}
