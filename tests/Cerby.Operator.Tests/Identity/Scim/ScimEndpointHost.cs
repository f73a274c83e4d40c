using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Tests.Identity.Okta;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>
/// The inbound SCIM endpoints on Kestrel at 127.0.0.1 (nothing else mapped), one IdentityProvider registered with a
/// token, and a client that sends requests the way Okta and Entra do (application/scim+json, Bearer token).
/// </summary>
internal sealed class ScimEndpointHost : IAsyncDisposable
{
    public const string IdpKey = "default/scim";
    public const string Token = "s3cr3t-scim-bearer-token-7f1e2d";

    private readonly WebApplication _app;

    private ScimEndpointHost(WebApplication app, ScimRegistry registry, IIdentitySource source, CapturedLog log, Uri root)
    {
        _app = app;
        Registry = registry;
        Source = source;
        Log = log;
        Root = root;
        Client = new HttpClient { BaseAddress = new Uri(root, "idp/default/scim/scim/v2/") };
    }

    public ScimRegistry Registry { get; }

    public IIdentitySource Source { get; }

    public CapturedLog Log { get; }

    public Uri Root { get; }

    public HttpClient Client { get; }

    public static async Task<ScimEndpointHost> StartAsync(TimeProvider? time = null, ScimEndpointOptions? options = null)
    {
        var log = new CapturedLog();
        var registry = new ScimRegistry(time ?? TimeProvider.System, log, options);
        var source = registry.Register(IdpKey, Token);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ScimEndpoints.Map(app, registry);
        await app.StartAsync();
        return new ScimEndpointHost(app, registry, source, log, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    /// <summary>Sends a request with the registered token (or the one given; "" for none) and reads the SCIM answer.</summary>
    public async Task<ScimReply> SendAsync(HttpMethod method, string path, string? body = null, string? token = Token, string mediaType = "application/scim+json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.UserAgent.ParseAdd("Okta-SCIM-Client/1.0.0");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ScimReply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text, response.Content.Headers.ContentType?.MediaType,
            response.Headers.Location, response.Headers.ETag?.ToString());
    }

    public Task<ScimReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ScimReply> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public Task<ScimReply> PutAsync(string path, string body) => SendAsync(HttpMethod.Put, path, body);

    public Task<ScimReply> PatchAsync(string path, string body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<ScimReply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Creates a user and returns the id the endpoint assigned.</summary>
    public async Task<string> CreateUserAsync(string body)
    {
        var reply = await PostAsync("Users", body);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.Id;
    }

    public async Task<string> CreateGroupAsync(string body)
    {
        var reply = await PostAsync("Groups", body);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.Id;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One answer: status, parsed body, raw text and the headers tests look at.</summary>
internal sealed record ScimReply(HttpStatusCode Status, JsonNode? Body, string Text, string? MediaType, Uri? Location, string? ETag)
{
    public string Id => Body!["id"]!.GetValue<string>();

    /// <summary>Asserts an RFC 7644 error body with this status (as a string) and scimType.</summary>
    public void AssertError(HttpStatusCode status, string? scimType)
    {
        Assert.Equal(status, Status);
        Assert.Equal("application/scim+json", MediaType);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", Body!["schemas"]![0]!.GetValue<string>());
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), Body["status"]!.GetValue<string>());
        Assert.Equal(scimType, Body["scimType"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(Body["detail"]?.GetValue<string>()));
    }
}
