using Cerby.Operator.HttpEdge;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>What only a SCIM app has: attributes, PUT with If-Match when PATCH is off, totals, SCIM error bodies, no invites or assets.</summary>
public sealed class ScimConnectorTests(ScimRolesFixture peer) : IClassFixture<ScimRolesFixture>, IAsyncLifetime
{
    private const string Department = ScimAppFixture.Department;
    private const string ScimExtension = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Read_returns_the_mapped_attributes_core_and_enterprise()
    {
        await peer.SeedUsersAsync([new()
        {
            ["userName"] = "ola@example.com",
            ["title"] = "Producer",
            [ScimExtension] = new System.Text.Json.Nodes.JsonObject { ["department"] = "Video" },
            ["nickName"] = "not mapped",
        }]);

        var member = (await peer.CreateConnector(time).ReadAsync(CancellationToken.None)).Members["ola@example.com"];

        Assert.Equal(new Dictionary<string, string> { ["title"] = "Producer", [Department] = "Video" }, member.Attributes);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task UpdateAttributes_sets_and_clears_with_PATCH_or_with_PUT_and_IfMatch(bool patch, bool etag)
    {
        await peer.SetCapabilitiesAsync(patch, etag);
        var ids = await peer.SeedUsersAsync([new() { ["userName"] = "pat@example.com", ["title"] = "Intern", ["roles"] = Roles("viewer") }]);
        var connector = peer.CreateConnector(time);
        var update = Change(AccessChangeKind.UpdateAttributes, "pat@example.com", null, ids[0]) with
        {
            Attributes = new Dictionary<string, string?> { ["title"] = null, [Department] = "Design" },
        };

        var first = await connector.ApplyAsync(update, CancellationToken.None);
        var second = await connector.ApplyAsync(update, CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace), (first.Outcome, second.Outcome));
        Assert.StartsWith(patch ? "PATCH" : "PUT", first.Detail, StringComparison.Ordinal);
        var stored = await peer.InspectUserAsync("pat@example.com");
        Assert.Null(stored!["title"]);
        Assert.Equal("Design", stored[ScimExtension]!["department"]!.GetValue<string>());
        Assert.Equal("viewer", stored["roles"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Role_change_without_PATCH_puts_the_whole_user_and_keeps_its_other_attributes()
    {
        await peer.SetCapabilitiesAsync(patch: false, etag: true);
        var ids = await peer.SeedUsersAsync([new() { ["userName"] = "quin@example.com", ["title"] = "Lead", ["roles"] = Roles("viewer") }]);

        var result = await peer.CreateConnector(time).ApplyAsync(Change(AccessChangeKind.RaiseRole, "quin@example.com", "admin", ids[0]), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        var stored = await peer.InspectUserAsync("quin@example.com");
        Assert.Equal(("admin", "Lead"), (stored!["roles"]![0]!["value"]!.GetValue<string>(), stored["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Add_of_a_user_someone_else_created_adopts_it_without_the_managed_marker()
    {
        await peer.SeedAsync(new PeerMember("rex@example.com", "viewer"));

        await peer.CreateConnector(time).ApplyAsync(Change(AccessChangeKind.Add, "rex@example.com", "editor"), CancellationToken.None);

        Assert.Equal(new PeerMember("rex@example.com", "editor", Active: true, Managed: false), await peer.InspectAsync("rex@example.com"));
    }

    [Fact]
    public async Task Add_writes_the_managed_marker_and_the_attributes_it_carries()
    {
        var add = Change(AccessChangeKind.Add, "Sam@Example.com", "viewer") with { Attributes = new Dictionary<string, string?> { [Department] = "Sales" } };

        await peer.CreateConnector(time).ApplyAsync(add, CancellationToken.None);

        var stored = await peer.InspectUserAsync("sam@example.com");
        Assert.Equal(("cerby:sam@example.com", "Sales"), (stored!["externalId"]!.GetValue<string>(), stored[ScimExtension]!["department"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TotalResults_changing_between_pages_fails_the_read()
    {
        await peer.SeedManyAsync([.. Enumerable.Range(0, 12).Select(i => new PeerMember($"tia{i}@example.com", "viewer"))]);
        await peer.InjectAsync(new ScimAppFault("totalResults", Method: "GET", Path: "/Users", Skip: 1));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("totalResults changed from 12 to 13", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000, 3)] // pages of what the app advertises: 1,000 + 1,000 + 100
    [InlineData(5_000, 3)] // an app advertising more still gets pages of at most 1,000
    [InlineData(150, 14)] // an app advertising less gets pages of its maxResults
    public async Task A_full_read_pages_by_the_apps_advertised_maxResults(int maxResults, int pages)
    {
        await peer.SetCapabilitiesAsync(maxResults: maxResults);
        await peer.SeedManyAsync([.. Enumerable.Range(0, 2_100).Select(i => new PeerMember($"page{i:0000}@example.com", "viewer"))]);
        var options = new ScimConnectorOptions("scim-hub", ScimRoleMapping.Roles, peer.NativeRoles, []);
        var before = (await peer.RequestsAsync()).Total;

        var actual = await peer.CreateConnector(time, options).ReadAsync(CancellationToken.None);

        Assert.Equal(2_100, actual.Members.Count);
        Assert.Equal(1 + pages, (await peer.RequestsAsync()).Total - before); // GET /ServiceProviderConfig, then the pages
    }

    [Fact]
    public async Task A_full_read_is_complete_when_the_app_answers_fewer_than_asked()
    {
        await peer.SetCapabilitiesAsync(maxResults: 1_000, pageLimit: 300);
        await peer.SeedManyAsync([.. Enumerable.Range(0, 1_000).Select(i => new PeerMember($"short{i:0000}@example.com", "viewer"))]);
        var options = new ScimConnectorOptions("scim-hub", ScimRoleMapping.Roles, peer.NativeRoles, []);
        var before = (await peer.RequestsAsync()).Total;

        var actual = await peer.CreateConnector(time, options).ReadAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => $"short{i:0000}@example.com"), actual.Members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1 + 4, (await peer.RequestsAsync()).Total - before); // 300 + 300 + 300 + 100
    }

    [Fact]
    public async Task A_SCIM_error_body_becomes_a_Rejected_error_with_its_scimType_and_detail()
    {
        var body = new { schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:Error" }, status = 400, scimType = "invalidValue", detail = "department is not allowed" };
        await peer.InjectAsync(new ScimAppFault("status", Status: 400, Method: "POST", Path: "/Users"));
        await peer.InjectAsync(new ScimAppFault("status", Status: 400, Method: "POST", Path: "/Users", Body: body));

        var first = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ApplyAsync(Change(AccessChangeKind.Add, "uma@example.com", "viewer"), CancellationToken.None));
        var second = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ApplyAsync(Change(AccessChangeKind.Add, "uma@example.com", "viewer"), CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Rejected, 400), (first.Kind, first.StatusCode));
        Assert.Equal((ConnectorErrorKind.Rejected, "invalidValue"), (second.Kind, second.AppErrorCode));
        Assert.Contains("department is not allowed", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_ends_the_retries_at_once()
    {
        await peer.InjectAsync(new ScimAppFault("status", Times: 5, Status: 429, RetryAfter: 3600, Method: "GET", Path: "/Users"));
        var options = new ScimConnectorOptions("scim-hub", ScimRoleMapping.Roles, peer.NativeRoles, [], Retry: new EdgePolicy(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time, options).ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Throttled, error.Kind);
        Assert.Empty(time.Waits);
    }

    [Theory]
    [InlineData(AccessChangeKind.Invite)]
    [InlineData(AccessChangeKind.CancelInvite)]
    [InlineData(AccessChangeKind.GrantAsset)]
    [InlineData(AccessChangeKind.RevokeAsset)]
    public async Task Invites_and_assets_are_Rejected_without_a_call(AccessChangeKind kind)
    {
        var before = await peer.WritesAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ApplyAsync(Change(kind, "vic@example.com", "viewer"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal(before, await peer.WritesAsync());
    }

    private static System.Text.Json.Nodes.JsonArray Roles(string role) => [new System.Text.Json.Nodes.JsonObject { ["value"] = role, ["primary"] = true }];

    private static AccessChange Change(AccessChangeKind kind, string email, string? nativeRole, string? appUserId = null) =>
        new(kind, email.ToLowerInvariant(), email, null, null, "scim test", NativeRole: nativeRole, AppUserId: appUserId);
}
