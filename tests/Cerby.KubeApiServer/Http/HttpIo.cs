using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Microsoft.AspNetCore.Http;

namespace Cerby.KubeApiServer.Http;

/// <summary>Reading request bodies (JSON, or YAML for apply patches) and writing JSON responses.</summary>
internal static class HttpIo
{
    public static async Task<JsonNode> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
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
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException error)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {error.Message}");
        }
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
