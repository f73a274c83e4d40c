using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cerby.Emulators.Scim;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Resources;
using Cerby.Sandbox;

namespace Cerby.Operator.Bench.Scale;

/// <summary>
/// The SCIM connector's full read on its own (what a SCIM hub's first sync costs): the real scimmy app seeded with
/// <c>users</c> users and advertising <c>filter.maxResults</c>, read once by the connector with the operator's default
/// options. Time on the bench's clock, reads counted by the app (GET /ServiceProviderConfig and the list pages).
/// </summary>
internal static class ScimFullRead
{
    public static async Task<ScaleResult> RunAsync(int users, int maxResults, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var row = new ScaleResult("full read (connector)", "SCIM", $"app {users:N0}, maxResults {maxResults:N0}");
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await using var app = new ScimScaleApp(await ScimAppServer.StartAsync(RepoPaths.ScimApp, token, TimeSpan.FromSeconds(30)));
        await app.SeedAsync(0, [.. Enumerable.Range(0, users).Select(i => $"reader{i:000000}@example.com")]);
        using (var admin = new HttpClient { BaseAddress = new Uri(app.AdminUrl) })
        {
            (await admin.PutAsJsonAsync("capabilities", new JsonObject { ["maxResults"] = maxResults }, cancellationToken)).EnsureSuccessStatusCode();
        }

        var connector = new ScimConnector(EdgeClients.Create(app.ScimUrl, token, TimeSpan.FromSeconds(60)),
            new ScimConnectorOptions("bench", ScimRoleMapping.Roles, ["admin", "editor"], []), TimeProvider.System);
        var before = await app.CallsAsync();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(deadline);
        var clock = Stopwatch.StartNew();
        string time;
        try
        {
            var read = await connector.ReadAsync(bounded.Token);
            time = read.Members.Count == users ? ScaleResult.Seconds(clock.Elapsed) : $"read {read.Members.Count} of {users} users";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            time = ScaleResult.Timeout(deadline, "full read");
        }

        var after = await app.CallsAsync();
        return row with { Time = time, AppReads = $"{after.Reads - before.Reads:N0}", AppWrites = $"{after.Writes - before.Writes:N0}" };
    }
}
