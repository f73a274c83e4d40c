using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Runtime;

/// <summary>Log messages of the controller runtime (informers, controllers, leader election, events).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Count} {Kind} in {Scope} at resourceVersion {ResourceVersion}")]
    public static partial void InformerListed(this ILogger logger, int count, string kind, string scope, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} in {Scope} expired (410 Gone); listing again")]
    public static partial void InformerGone(this ILogger logger, string kind, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} in {Scope} failed; retrying in {Delay}")]
    public static partial void InformerWatchFailed(this ILogger logger, Exception exception, string kind, string scope, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} in {Scope} reported an error")]
    public static partial void InformerWatchError(this ILogger logger, Exception exception, string kind, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Kind} event handler threw")]
    public static partial void InformerHandlerFailed(this ILogger logger, Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} started with {Workers} workers")]
    public static partial void ControllerStarted(this ILogger logger, string controller, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    public static partial void ControllerStopped(this ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile of {Key} by {Controller} failed (attempt {Attempt}); requeued with backoff")]
    public static partial void ReconcileFailed(this ILogger logger, Exception exception, string controller, ResourceKey key, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {Key} by {Controller} failed terminally: {Message}")]
    public static partial void ReconcileTerminal(this ILogger logger, string controller, ResourceKey key, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled {Key} by {Controller}: {Outcome}")]
    public static partial void Reconciled(this ILogger logger, string controller, ResourceKey key, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status of {Key} changed meanwhile (409 Conflict); reading it again")]
    public static partial void StatusConflict(this ILogger logger, ResourceKey key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record event {Reason} on {Key}")]
    public static partial void EventFailed(this ILogger logger, Exception exception, string reason, ResourceKey key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started leading as {Identity} (lease {Lease})")]
    public static partial void LeadershipAcquired(this ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost leadership of lease {Lease}; controllers stopped, standing by")]
    public static partial void LeadershipLost(this ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leader of lease {Lease} is now {Leader}")]
    public static partial void NewLeader(this ILogger logger, string lease, string leader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election on lease {Lease} failed")]
    public static partial void LeaderElectionError(this ILogger logger, Exception exception, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released lease {Lease} for the next leader")]
    public static partial void LeaseReleased(this ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release lease {Lease}; another instance takes over when it expires")]
    public static partial void LeaseReleaseFailed(this ILogger logger, Exception exception, string lease);
}
