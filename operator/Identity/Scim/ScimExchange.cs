using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;
using Microsoft.AspNetCore.Http;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// One SCIM request to a registered IdentityProvider: authorises it (bearer token, constant time), reads its body within
/// the size limit, and answers in <c>application/scim+json</c>; every refusal gets an RFC 7644 error body. Logs name
/// the IdentityProvider, method, path and outcome, never headers or bodies.
/// </summary>
internal sealed class ScimExchange
{
    private ScimExchange(HttpContext http, ScimTenant tenant, ScimEndpointOptions options, string baseUrl)
    {
        Http = http;
        Tenant = tenant;
        Options = options;
        BaseUrl = baseUrl;
    }

    public HttpContext Http { get; }

    public ScimTenant Tenant { get; }

    public ScimStore Store => Tenant.Store;

    public ScimEndpointOptions Options { get; }

    /// <summary>The absolute URL of this IdentityProvider's SCIM base, e.g. https://host/idp/ns/name/scim/v2.</summary>
    public string BaseUrl { get; }

    public string Method => Http.Request.Method;

    public static async Task RunAsync(HttpContext http, ScimRegistry registry, Func<ScimExchange, Task> handle)
    {
        var request = http.Request;
        var idpKey = $"{request.RouteValues["namespace"]}/{request.RouteValues["name"]}";
        var path = request.Path.Value ?? "";
        var logger = registry.Logger;
        if (registry.Find(idpKey) is not { } tenant)
        {
            logger.RequestRefused(idpKey, request.Method, path, 404, null, "not registered");
            await WriteErrorAsync(http, new ScimException(404, null, $"no SCIM endpoint is served for IdentityProvider {idpKey}"));
            return;
        }

        if (!tenant.Authorizes(request.Headers.Authorization.ToString()))
        {
            logger.RequestUnauthorized(idpKey, request.Method, path, request.Headers.Authorization.Count == 0 ? "no Authorization header" : "the bearer token does not match");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(http, new ScimException(401, null, "a valid bearer token is required"));
            return;
        }

        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{ScimEndpoints.BasePath(idpKey)}";
        try
        {
            await handle(new ScimExchange(http, tenant, registry.Options, baseUrl));
            logger.RequestHandled(idpKey, request.Method, path, http.Response.StatusCode);
        }
        catch (ScimException e)
        {
            logger.RequestRefused(idpKey, request.Method, path, e.Status, e.ScimType, e.Message);
            await WriteErrorAsync(http, e);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals while the body is read: past MaxRequestBodySize, a malformed chunk, a timeout.
            var error = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(registry.Options) : new ScimException(e.StatusCode, null, "the request body could not be read");
            logger.RequestRefused(idpKey, request.Method, path, error.Status, null, error.Message);
            await WriteErrorAsync(http, error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.RequestFailed(idpKey, request.Method, path, e);
            await WriteErrorAsync(http, new ScimException(500, null, "the request could not be handled"));
        }
    }

    /// <summary>
    /// The request body as JSON; 413 past the size limit; 400 invalidSyntax when it is empty, not UTF-8, not JSON, or
    /// nested deeper than <see cref="BoundedJsonBody.MaxDepth"/>.
    /// </summary>
    public async Task<JsonNode?> ReadBodyAsync()
    {
        using var body = await BoundedJsonBody.ReadAsync(Http, Options.MaxBodyBytes);
        switch (body.Problem)
        {
            case BodyProblem.TooLarge:
                throw TooLarge(Options);
            case BodyProblem.Empty:
                throw ScimException.InvalidSyntax("the request has no body");
            case BodyProblem.InvalidUtf8:
                throw ScimException.InvalidSyntax("the request body is not valid UTF-8");
        }

        try
        {
            return JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = BoundedJsonBody.MaxDepth });
        }
        catch (JsonException)
        {
            throw ScimException.InvalidSyntax($"the request body is not valid JSON (or is nested deeper than {BoundedJsonBody.MaxDepth} levels)");
        }
    }

    public async Task WriteAsync(int status, JsonNode body, string? etag = null, string? location = null)
    {
        var response = Http.Response;
        response.StatusCode = status;
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        response.ContentType = ScimSchemas.MediaType;
        await JsonSerializer.SerializeAsync(response.Body, body, (JsonSerializerOptions?)null, Http.RequestAborted); // no whole-body string: pooled buffers
    }

    public void NoContent(int status = StatusCodes.Status204NoContent) => Http.Response.StatusCode = status;

    /// <summary>Brings this replica's copy up to the durable store (pushes other replicas accepted); 503 when it cannot be read.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            await Tenant.Persistence.RefreshAsync(Http.RequestAborted);
        }
        catch (Durable.DurableStateException)
        {
            throw new ScimException(StatusCodes.Status503ServiceUnavailable, null, "the stored pushes could not be read; retry later");
        }
    }

    /// <summary>Applies a change and returns once it is stored durably (see <see cref="ScimPersistence"/>).</summary>
    public Task<T> MutateAsync<T>(Func<ScimStore, T> change) => Tenant.Persistence.MutateAsync(change, Http.RequestAborted);

    private static async Task WriteErrorAsync(HttpContext http, ScimException error)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = error.Status;
        http.Response.ContentType = ScimSchemas.MediaType;
        await http.Response.WriteAsync(new ScimError(error.Status, error.ScimType, error.Message).ToJson().ToJsonString(), Encoding.UTF8, http.RequestAborted);
    }

    private static ScimException TooLarge(ScimEndpointOptions options) =>
        new(StatusCodes.Status413PayloadTooLarge, null, $"the request body is larger than {options.MaxBodyBytes} bytes");
}
