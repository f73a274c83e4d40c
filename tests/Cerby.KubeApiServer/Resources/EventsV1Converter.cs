using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Resources;

/// <summary>
/// events.k8s.io/v1 Events are stored as core v1 Events, so that <c>kubectl describe</c> (which reads
/// <c>/api/v1/…/events</c>) shows events the operator wrote through events.k8s.io.
/// </summary>
internal sealed class EventsV1Converter : IObjectConverter
{
    private static readonly (string EventsV1, string Core)[] RenamedFields =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedCount", "count"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
    ];

    public JsonObject ToStorage(JsonObject wire) => Rename(wire, "v1", toCore: true);

    public JsonObject FromStorage(JsonObject stored) => Rename(stored, "events.k8s.io/v1", toCore: false);

    private static JsonObject Rename(JsonObject source, string apiVersion, bool toCore)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            var renamed = RenamedFields.FirstOrDefault(pair => (toCore ? pair.EventsV1 : pair.Core) == key);
            var name = renamed == default ? key : toCore ? renamed.Core : renamed.EventsV1;
            result[name] = value?.DeepClone();
        }

        result["apiVersion"] = apiVersion;
        result["kind"] = "Event";
        return result;
    }
}
