using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Cerby.KubeApiServer.Http;

/// <summary>
/// Reading request bodies (JSON; YAML for apply patches; Kubernetes protobuf, which kubectl and helm send for built-in
/// kinds) and writing JSON responses (clients that send protobuf also accept JSON).
/// </summary>
internal static class HttpIo
{
    public static async Task<JsonNode> ReadBodyAsync(HttpRequest request)
    {
        var bytes = await ReadBytesAsync(request);
        if (ProtobufBody.IsProtobuf(request.ContentType))
        {
            return ProtobufBody.Decode(bytes);
        }

        var text = Encoding.UTF8.GetString(bytes);
        try
        {
            var isYaml = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
            return (isYaml ? YamlToJson.Documents(text).FirstOrDefault() : JsonNode.Parse(text))
                ?? throw ApiException.BadRequest("the request body is empty");
        }
        catch (Exception error) when (error is JsonException or YamlDotNet.Core.YamlException)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {error.Message}");
        }
    }

    /// <summary>An optional body (DeleteOptions): null when the request has none.</summary>
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpRequest request)
    {
        var bytes = await ReadBytesAsync(request);
        if (bytes.Length > 0 && ProtobufBody.IsProtobuf(request.ContentType))
        {
            return ProtobufBody.Decode(bytes);
        }

        var text = Encoding.UTF8.GetString(bytes);
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException error)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {error.Message}");
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        await ReadBodyAsync(request) as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");

    public static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body, IEnumerable<string>? warnings = null)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        foreach (var warning in warnings ?? [])
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
