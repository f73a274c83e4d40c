using Cerby.Emulators.Scim;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>
/// The real scimmy server as a contract-suite peer: one node process per test class, reset before each test through
/// its /admin switches, which also seed, inspect and inject faults without going through the connector.
/// </summary>
public abstract class ScimAppFixture : IConnectorFixture, IAsyncLifetime
{
    public bool MarksManaged => true;

    public bool AddsByInvite => false;

    public Task AcceptInviteAsync(string email) => throw new NotSupportedException("SCIM apps create members directly; there are no invites to accept");

    public const string Department = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";

    private const string Marker = "cerby:";
    private readonly string token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    private ScimAppServer? app;
    private HttpClient? admin;

    public IReadOnlyList<string> NativeRoles { get; } = ["admin", "editor", "viewer"];

    public int PageSize => 5;

    public IReadOnlyList<string> Secrets => [token, WrongToken];

    public abstract int MaxWritesPerChange { get; }

    /// <summary>How this fixture's connectors map roles.</summary>
    public abstract ScimRoleMapping RoleMapping { get; }

    /// <summary>Base URL of the running app.</summary>
    public string BaseUrl => App.BaseUrl;

    private string WrongToken => "wrong-" + token;

    private ScimAppServer App => app ?? throw new InvalidOperationException("the SCIM app is not started");

    private HttpClient Admin => admin ?? throw new InvalidOperationException("the SCIM app is not started");

    public async Task InitializeAsync()
    {
        app = await ScimAppProcess.StartAsync(token);
        admin = new HttpClient { BaseAddress = new Uri(app.BaseUrl + "/admin/") };
    }

    public Task DisposeAsync()
    {
        admin?.Dispose();
        app?.Dispose();
        return Task.CompletedTask;
    }

    public virtual async Task ResetAsync() => (await Admin.PostAsync("reset", null)).EnsureSuccessStatusCode();

    public IAppConnector CreateConnector(TimeProvider time, bool validCredentials = true) =>
        CreateConnector(time, new ScimConnectorOptions("scim-hub", RoleMapping, NativeRoles, ["title", Department], PageSize), validCredentials);

    /// <summary>A connector with options of the test's choosing.</summary>
    internal IAppConnector CreateConnector(TimeProvider time, ScimConnectorOptions options, bool validCredentials = true) =>
        new ScimConnector(EdgeClients.Create(App.BaseUrl + "/scim/v2", validCredentials ? token : WrongToken, TimeSpan.FromSeconds(30)), options, time);

    public async Task<string> SeedAsync(PeerMember member) => (await SeedUsersAsync([Seed(member)]))[0];

    public Task SeedManyAsync(IReadOnlyList<PeerMember> members) => SeedUsersAsync([.. members.Select(Seed)]);

    /// <summary>Seeds raw SCIM user objects (an extra "group" property names a role group to join); returns their ids.</summary>
    public async Task<IReadOnlyList<string>> SeedUsersAsync(IReadOnlyList<JsonObject> users)
    {
        var response = await Admin.PostAsJsonAsync("seed", new JsonObject { ["users"] = new JsonArray([.. users]) });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return [.. body!["ids"]!.AsArray().Select(id => id!.GetValue<string>())];
    }

    public async Task<PeerMember?> InspectAsync(string email)
    {
        var user = await InspectUserAsync(email);
        if (user is null)
        {
            return null;
        }

        var role = RoleMapping == ScimRoleMapping.Roles
            ? user["roles"]?.AsArray().Select(r => r!["value"]!.GetValue<string>()).SingleOrDefault()
            : user["groups"]?.AsArray().Select(g => g!["display"]!.GetValue<string>()).Where(NativeRoles.Contains).OrderBy(r => NativeRoles.ToList().IndexOf(r)).FirstOrDefault();
        return new PeerMember(
            user["userName"]!.GetValue<string>(),
            role,
            user["active"]?.GetValue<bool>() ?? true,
            user["externalId"]?.GetValue<string>().StartsWith(Marker, StringComparison.Ordinal) == true);
    }

    /// <summary>The user as the app stores it (its groups derived from the groups' members), or null.</summary>
    public async Task<JsonObject?> InspectUserAsync(string email)
    {
        var state = await Admin.GetFromJsonAsync<JsonObject>("state");
        return state!["users"]!.AsArray().OfType<JsonObject>()
            .SingleOrDefault(u => string.Equals(u["userName"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<int> WritesAsync() => (await RequestsAsync()).Writes;

    /// <summary>SCIM requests the app has served since the last reset (the /admin switches are not counted).</summary>
    public async Task<(int Total, int Writes)> RequestsAsync()
    {
        var counts = await Admin.GetFromJsonAsync<JsonObject>("requests");
        return (counts!["total"]!.GetValue<int>(), counts["writes"]!.GetValue<int>());
    }

    public Task InjectReadFaultAsync(PeerFault fault, int times = 1, int afterPages = 0) =>
        InjectAsync(Fault(fault, times) with { Method = "GET", Path = "/Users", Skip = afterPages });

    public Task InjectWriteFaultAsync(PeerFault fault, int times = 1) =>
        InjectAsync(Fault(fault, times) with { Method = "POST", Path = "/Users" });

    /// <summary>Queues a fault on the app (see server.js).</summary>
    public async Task InjectAsync(ScimAppFault fault) => (await Admin.PostAsJsonAsync("faults", fault)).EnsureSuccessStatusCode();

    /// <summary>
    /// Switches what the app advertises in /ServiceProviderConfig (and enforces, for ETags; list pages hold at most
    /// maxResults). <paramref name="pageLimit"/>, not advertised, makes pages hold fewer than asked, as RFC 7644 allows.
    /// </summary>
    public async Task SetCapabilitiesAsync(bool patch = true, bool etag = false, bool bulk = true, int maxResults = 200, int? pageLimit = null) =>
        (await Admin.PutAsJsonAsync("capabilities", new { patch, etag, bulk, maxResults, pageLimit })).EnsureSuccessStatusCode();

    /// <summary>An HttpClient straight to the SCIM endpoints with the right token, for tests that look at raw answers.</summary>
    public HttpClient RawScimClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(App.BaseUrl + "/scim/v2/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private JsonObject Seed(PeerMember member)
    {
        var user = new JsonObject
        {
            ["userName"] = member.Email,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = member.Email, ["primary"] = true }),
            ["active"] = member.Active,
        };
        if (member.Managed)
        {
            user["externalId"] = Marker + member.Email.ToLowerInvariant();
        }

        if (member.NativeRole is { } role)
        {
            user[RoleMapping == ScimRoleMapping.Roles ? "roles" : "group"] = RoleMapping == ScimRoleMapping.Roles
                ? new JsonArray(new JsonObject { ["value"] = role, ["primary"] = true })
                : role;
        }

        return user;
    }

    private static ScimAppFault Fault(PeerFault fault, int times) => fault switch
    {
        PeerFault.Throttle => new ScimAppFault("status", times, Status: 429, RetryAfter: 1),
        PeerFault.ServerError => new ScimAppFault("status", times, Status: 503),
        PeerFault.MalformedBody => new ScimAppFault("malformed", times),
        PeerFault.PageLoop => new ScimAppFault("pageLoop", times),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}

/// <summary>A fault queued on the SCIM app's /admin/faults (field names as server.js reads them).</summary>
public sealed record ScimAppFault(
    [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind,
    [property: System.Text.Json.Serialization.JsonPropertyName("times")] int Times = 1,
    [property: System.Text.Json.Serialization.JsonPropertyName("status")] int? Status = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("retryAfter")] int? RetryAfter = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("method")] string? Method = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("path")] string? Path = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("skip")] int Skip = 0,
    [property: System.Text.Json.Serialization.JsonPropertyName("body")] object? Body = null);

/// <summary>The SCIM app with roles in the users' roles attribute: one write per change.</summary>
public sealed class ScimRolesFixture : ScimAppFixture
{
    public override int MaxWritesPerChange => 1;

    public override ScimRoleMapping RoleMapping => ScimRoleMapping.Roles;
}

/// <summary>The SCIM app with roles as group membership and /Bulk: a change needing two operations is one /Bulk call.</summary>
public sealed class ScimGroupsFixture : ScimAppFixture
{
    public override int MaxWritesPerChange => 1;

    public override ScimRoleMapping RoleMapping => ScimRoleMapping.Groups;
}

/// <summary>The SCIM app with roles as group membership and no /Bulk: an add is POST /Users plus a group PATCH, a move joins one group and leaves another.</summary>
public sealed class ScimGroupsWithoutBulkFixture : ScimAppFixture
{
    public override int MaxWritesPerChange => 2;

    public override ScimRoleMapping RoleMapping => ScimRoleMapping.Groups;

    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        await SetCapabilitiesAsync(bulk: false);
    }
}
