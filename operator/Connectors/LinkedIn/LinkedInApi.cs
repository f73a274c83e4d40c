using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// LinkedIn's versioned REST API over HTTP: every request carries <c>LinkedIn-Version</c>,
/// <c>X-Restli-Protocol-Version: 2.0.0</c> and the Rest.li method, goes through the HTTP edge with <see cref="LinkedInThrottling"/> (the bearer token
/// is added by the client's handler, never seen here) and comes back as status and JSON. Paths are relative to the
/// hub's base URL (<c>https://api.linkedin.com/rest</c>).
/// </summary>
internal sealed class LinkedInApi(ConnectorSender sender, string version)
{
    /// <summary>GET that must succeed with a JSON object; 404 gives null.</summary>
    public async Task<JsonObject?> GetAsync(string path, string operation, CallTally calls, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, "GET", operation, calls, cancellationToken);
        if (status == 404)
        {
            return null;
        }

        if (status is < 200 or > 299)
        {
            throw LinkedInError.ToException(operation, status, body);
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject
                ?? throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"LinkedIn answered {operation} with JSON that is not an object", status);
        }
        catch (JsonException e)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"LinkedIn answered {operation} with invalid JSON", status, inner: e);
        }
    }

    /// <summary>A write (PUT create, POST partial update, DELETE); returns the status, 2xx or 404, and throws on any other.</summary>
    public async Task<int> WriteAsync(HttpMethod method, string path, JsonNode? body, string restliMethod, string operation, CallTally calls, CancellationToken cancellationToken)
    {
        var (status, text) = await SendAsync(method, path, body?.ToJsonString(), restliMethod, operation, calls, cancellationToken);
        return status is (>= 200 and <= 299) or 404 ? status : throw LinkedInError.ToException(operation, status, text);
    }

    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string? payload, string restliMethod, string operation, CallTally calls, CancellationToken cancellationToken)
    {
        using var response = await sender.SendAsync(operation, () => Build(method, path, payload, restliMethod), calls, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, text);
    }

    private HttpRequestMessage Build(HttpMethod method, string path, string? payload, string restliMethod)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("LinkedIn-Version", version);
        request.Headers.Add("X-Restli-Protocol-Version", "2.0.0");
        request.Headers.Add("X-RestLi-Method", restliMethod);
        if (payload is not null)
        {
            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
