using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// SCIM over HTTP: sends JSON as <c>application/scim+json</c> through the HTTP edge and parses the answer.
/// Paths are relative to the hub's base URL (e.g. "Users/2819c223"). A body that is not JSON is InvalidResponse.
/// </summary>
internal sealed class ScimApi(ConnectorSender sender)
{
    /// <summary>Sends one request; failure statuses are returned, not thrown, so callers can treat 404 or 409 as they mean.</summary>
    public async Task<ScimResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CallTally calls, CancellationToken cancellationToken, string? ifMatch = null)
    {
        var operation = $"{method} {PathForMessages(path)}";
        var payload = body?.ToJsonString();
        using var response = await sender.SendAsync(operation, () => Build(method, path, payload, ifMatch), calls, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var etag = response.Headers.ETag?.ToString();
        var status = (int)response.StatusCode;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ScimResponse(operation, status, null, etag);
        }

        try
        {
            return new ScimResponse(operation, status, JsonNode.Parse(text), etag);
        }
        catch (JsonException ex) when (response.IsSuccessStatusCode)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"{operation}: the app answered {status} with a body that is not JSON ({ex.Message})", status, inner: ex);
        }
        catch (JsonException)
        {
            return new ScimResponse(operation, status, null, etag);
        }
    }

    /// <summary>GET that must succeed.</summary>
    public async Task<ScimResponse> GetAsync(string path, CallTally calls, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, path, null, calls, cancellationToken)).EnsureSucceeded();

    private static HttpRequestMessage Build(HttpMethod method, string path, string? payload, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimSchemas.MediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (payload is not null)
        {
            request.Content = new StringContent(payload, Encoding.UTF8, ScimSchemas.MediaType);
        }

        return request;
    }

    // Messages name the resource, not the query: a filter would repeat an email in every error.
    private static string PathForMessages(string path) => path.Split('?')[0];
}
