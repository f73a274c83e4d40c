using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Http;

/// <summary>The <c>Status</c> objects of the API (errors, successful deletes, watch errors).</summary>
internal static class StatusBodies
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = Envelope("Failure");
        status["message"] = message;
        status["reason"] = reason;
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Deleted(string group, string plural, string name, string uid)
    {
        var status = Envelope("Success");
        status["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = plural, ["uid"] = uid };
        return status;
    }

    /// <summary>The ERROR watch event payload for a resourceVersion older than the retained history.</summary>
    public static JsonObject TooOldResourceVersion(long requested, long oldestAvailable) =>
        Failure(410, "Expired", $"too old resource version: {requested} ({oldestAvailable})", null);

    private static JsonObject Envelope(string status) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = status,
    };
}
