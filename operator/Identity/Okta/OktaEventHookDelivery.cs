using System.Text.Json;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// An Event Hook delivery: <c>{"eventType": "com.okta.event_hook", "eventId", "eventTime", "data": {"events": [LogEvent…]}}</c>.
/// Anything else, and any event without its uuid, eventType, published time or with a target lacking id or type, refuses
/// the whole delivery (400): nothing malformed reaches the watcher, and the System Log poll covers what a refused
/// delivery carried.
/// </summary>
internal sealed record OktaEventHookDelivery(string? EventType, string? EventId, OktaEventHookData? Data)
{
    private static readonly JsonSerializerOptions Options = new(OktaJson.Options) { MaxDepth = BoundedJsonBody.MaxDepth };

    /// <summary>The delivery's events, or null and why it is refused.</summary>
    public static (List<OktaLogEvent>? Events, string? Refused) Events(ReadOnlySpan<byte> utf8)
    {
        OktaEventHookDelivery? delivery;
        try
        {
            delivery = JsonSerializer.Deserialize<OktaEventHookDelivery>(utf8, Options);
        }
        catch (JsonException e)
        {
            return (null, $"the delivery is not the expected JSON (or nests deeper than {BoundedJsonBody.MaxDepth} levels) at {e.Path ?? "$"}");
        }

        if (delivery?.Data?.Events is not { } events)
        {
            return (null, "the delivery has no data.events");
        }

        var valid = new List<OktaLogEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (Problem(events[i]) is { } problem)
            {
                return (null, $"data.events[{i}] {problem}");
            }

            valid.Add(events[i]!);
        }

        return (valid, null);
    }

    private static string? Problem(OktaLogEvent? e) => e switch
    {
        null => "is null",
        { Uuid: null or "" } => "has no uuid",
        { EventType: null or "" } => "has no eventType",
        { Published: var published } when published == default => "has no published time",
        { Target: { } targets } when targets.Any(t => t is null || string.IsNullOrEmpty(t.Id) || string.IsNullOrEmpty(t.Type)) => "has a target without id or type",
        _ => null,
    };
}

internal sealed record OktaEventHookData(IReadOnlyList<OktaLogEvent?>? Events);
