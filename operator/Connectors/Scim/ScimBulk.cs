using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// Several writes in one HTTP call through /Bulk (RFC 7644 §3.7), for the changes that need more than one SCIM
/// operation (roles as groups: create the user and join its role group; join one group and leave another).
/// failOnErrors is 1: the app stops at the first failed operation.
/// </summary>
internal sealed class ScimBulk(ScimApi api)
{
    /// <summary>The answer to one operation: its status and, for a failure, the SCIM error body.</summary>
    internal sealed record Result(ScimWrite Write, int Status, JsonNode? Response)
    {
        /// <summary>The error this operation's failure stands for.</summary>
        public ConnectorException Failure() => new ScimResponse($"POST Bulk ({Write.Method} {Write.Path.Split('?')[0]})", Status, Response, null).Failure();
    }

    /// <summary>Sends the writes in one POST /Bulk; one result per operation the app answered, in order.</summary>
    public async Task<IReadOnlyList<Result>> SendAsync(IReadOnlyList<ScimWrite> writes, CallTally calls, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.BulkRequest),
            ["failOnErrors"] = 1,
            ["Operations"] = new JsonArray([.. writes.Select(Operation)]),
        };
        var answer = (await api.SendAsync(HttpMethod.Post, "Bulk", request, calls, cancellationToken)).EnsureSucceeded().Object;
        if (answer["Operations"] is not JsonArray operations || operations.Count > writes.Count)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"POST Bulk: the answer does not hold one result per operation ({writes.Count} sent)");
        }

        return [.. operations.Select((operation, index) => new Result(writes[index], Status(operation), operation?["response"]))];
    }

    /// <summary>Throws the first failed operation's error, or InvalidResponse when some of the <paramref name="sent"/> operations went unanswered.</summary>
    public static void EnsureAll(IReadOnlyList<Result> results, int sent)
    {
        if (results.FirstOrDefault(r => r.Status is < 200 or >= 300) is { } failed)
        {
            throw failed.Failure();
        }

        if (results.Count < sent)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"POST Bulk: {sent - results.Count} of {sent} operations went unanswered");
        }
    }

    private static JsonObject Operation(ScimWrite write)
    {
        var operation = new JsonObject { ["method"] = write.Method.Method, ["path"] = "/" + write.Path, ["data"] = write.Body.DeepClone() };
        if (write.BulkId is not null && write.Method == HttpMethod.Post)
        {
            operation["bulkId"] = write.BulkId;
        }

        if (write.IfMatch is not null)
        {
            operation["version"] = write.IfMatch;
        }

        return operation;
    }

    // RFC 7644 gives status as a string; some apps send a number.
    private static int Status(JsonNode? operation) => operation?["status"] switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new ConnectorException(ConnectorErrorKind.InvalidResponse, "POST Bulk: an operation result has no status"),
    };
}
