using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Selectors;
using Cerby.KubeApiServer.Semantics;
using Cerby.KubeApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace Cerby.KubeApiServer.Http;

/// <summary>The watch parameters of a list request.</summary>
internal sealed record WatchParameters(long? FromVersion, bool AllowBookmarks, TimeSpan? Timeout, bool SendInitialEvents);

/// <summary>
/// Streams a watch: HTTP 200, one compact JSON event per line, flushed at once. Replays what the resourceVersion
/// asks for, sends BOOKMARKs (when allowed: at once if nothing was replayed, then every bookmark interval and
/// before closing at timeoutSeconds), turns selector enter/leave into ADDED/DELETED, and answers a compacted
/// resourceVersion with a single ERROR event carrying a 410 Expired Status.
/// </summary>
internal sealed class WatchStreamer(ObjectService service, OpenWatches openWatches, TimeSpan bookmarkInterval)
{
    /// <param name="render">Turns each object into what the client asked for (the object itself, or a one-row Table).</param>
    public async Task StreamAsync(
        HttpContext context, ResourceType type, string? @namespace, LabelSelector labels, FieldSelector fields, WatchParameters parameters,
        Func<JsonObject, JsonObject> render)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        var from = parameters.SendInitialEvents ? null : parameters.FromVersion;
        var (subscription, oldestAvailable) = service.Store.Subscribe(type.StorageKey, @namespace, from);
        if (subscription is null)
        {
            await WriteEventAsync(context, "ERROR", StatusBodies.TooOldResourceVersion(from!.Value, oldestAvailable));
            return;
        }

        using var watch = subscription;
        using var registration = openWatches.Track(context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (parameters.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        var remainingInitial = parameters.SendInitialEvents ? subscription.ReplayCount : -1;
        if (parameters.AllowBookmarks && subscription.ReplayCount == 0)
        {
            await WriteBookmarkAsync(context, type, subscription, initialEventsEnd: parameters.SendInitialEvents);
        }

        try
        {
            while (true)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                tick.CancelAfter(bookmarkInterval);
                if (!await WaitAsync(subscription, tick.Token))
                {
                    if (timeout.IsCancellationRequested)
                    {
                        break;
                    }

                    if (parameters.AllowBookmarks)
                    {
                        await WriteBookmarkAsync(context, type, subscription, initialEventsEnd: false);
                    }

                    continue;
                }

                while (subscription.Events.TryRead(out var stored))
                {
                    if (Translate(stored, labels, fields) is { } eventType)
                    {
                        await WriteEventAsync(context, eventType, render(service.ToWire(type, stored.Object.Clone())));
                    }

                    if (--remainingInitial == 0 && parameters.AllowBookmarks)
                    {
                        await WriteBookmarkAsync(context, type, subscription, initialEventsEnd: true);
                    }
                }
            }

            if (parameters.AllowBookmarks && !context.RequestAborted.IsCancellationRequested)
            {
                await WriteBookmarkAsync(context, type, subscription, initialEventsEnd: false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away or the test dropped the connection.
        }
    }

    /// <summary>True when an event is ready; false when the token fired first (bookmark tick or timeout).</summary>
    private static async Task<bool> WaitAsync(WatchSubscription subscription, CancellationToken token)
    {
        try
        {
            return await subscription.Events.WaitToReadAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The event type a selector-filtered watch sees, or null when the change is invisible to it.</summary>
    private static string? Translate(StoredEvent stored, LabelSelector labels, FieldSelector fields)
    {
        bool Matches(JsonObject? obj) => obj is not null && labels.Matches(obj.Labels()) && fields.Matches(obj);
        var now = Matches(stored.Object);
        var before = Matches(stored.Previous);
        return stored.Type switch
        {
            "DELETED" => before ? "DELETED" : null,
            "ADDED" => now ? "ADDED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
    }

    private async Task WriteBookmarkAsync(HttpContext context, ResourceType type, WatchSubscription subscription, bool initialEventsEnd)
    {
        if (service.Store.BookmarkVersion(subscription) is not { } version)
        {
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        await WriteEventAsync(context, "BOOKMARK", new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata });
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
