using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cerby.Emulators.Meta;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Issue 15: work proportional to the change, not to the app. A hub keeps the app's state, so one membership change
/// costs a write and a read of that member, whatever the app's size; a kept state never narrows access without a read
/// of the member, and the resync's full read catches what changed by hand; a cold start writes in parallel up to the
/// per-app cap and records a bounded number of Events. App calls are counted at scimmy and at the Meta emulator.
/// </summary>
public sealed partial class IncrementalAppStateTests : EndToEndTest
{
    private const string Ns = "e2e-incremental";
    private const int AppSize = 1000;
    private string groupName = "";

    [Fact]
    public async Task One_join_into_a_scim_app_of_1000_members_costs_at_most_3_app_calls()
    {
        var (group, _) = OktaTeam("Big", AppSize);
        await SeedScimAsync(Enumerable.Range(0, AppSize).Select(Email), "viewer");
        await ApplyScimHubAsync();
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.Members == AppSize, "the 1000 seeded members in sync", deadline: TimeSpan.FromSeconds(60));

        var before = await ScimRequestsAsync();
        Sandbox.Org.AddToGroup(group, Sandbox.Org.CreateUser("joiner@acme.test"));
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.Members == AppSize + 1, "the joiner provisioned and verified", deadline: TimeSpan.FromSeconds(60));
        var calls = await ScimRequestsAsync() - before;

        Assert.InRange(calls, 1, 3);
        Assert.Equal("viewer", (await ScimStateAsync())["joiner@acme.test"].Role);
    }

    [Fact]
    public async Task One_join_into_a_meta_business_of_1000_members_costs_at_most_3_app_calls()
    {
        var (group, _) = OktaTeam("Big", AppSize);
        for (var i = 0; i < AppSize; i++)
        {
            Sandbox.Meta.Business.SeedUser(Email(i), "EMPLOYEE");
        }

        await ApplyMetaHubAsync();
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.Members == AppSize, "the 1000 seeded members in sync", OperatorSandbox.MetaHub, TimeSpan.FromSeconds(60));

        var before = Sandbox.Meta.Calls.All.Count;
        Sandbox.Org.AddToGroup(group, Sandbox.Org.CreateUser("joiner@acme.test"));
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.PendingInvites == 1, "the joiner invited and verified", OperatorSandbox.MetaHub, TimeSpan.FromSeconds(60));
        var calls = Sandbox.Meta.Calls.All.Skip(before).ToList();

        Assert.InRange(calls.Count, 1, 3);
        Assert.Equal(1, calls.Count(c => c.Method == "POST"));
        Assert.Equal("EMPLOYEE", Sandbox.Meta.Business.InviteByEmail("joiner@acme.test")?.Role);
    }

    [Fact]
    public async Task A_kept_state_never_removes_without_a_read_a_member_re_added_by_hand_is_reported_as_drift_not_deleted()
    {
        var (group, users) = OktaTeam("Writers", 2);
        await ApplyScimHubAsync();
        var seats = await Sandbox.WaitForSeatsAsync(s => s.Count == 2, "both writers provisioned");
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.Members == 2, "in sync");

        // After the hub kept the app's state, someone deletes bob's account and makes a new one by hand.
        var bob = Email(1);
        await ScimAsync(HttpMethod.Delete, $"Users/{seats[bob].Id}");
        await Sandbox.CreateScimUserByHandAsync(bob, "viewer");
        var handMade = (await ScimStateAsync())[bob].Id;

        // Bob leaves the team: the kept state says "remove Users/<old id>"; a read of bob shows the hand-made account.
        Sandbox.Org.RemoveFromGroup(group, users[1]);
        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.Drift?.Count == 1, "the hand-made account reported as drift");

        Assert.Contains(hub.Status!.Drift!.Entries, e => e.Contains(bob, StringComparison.Ordinal));
        Assert.Equal(handMade, (await ScimStateAsync())[bob].Id);
        Assert.False(HasEvent(await Sandbox.EventsAsync(Ns), "UserDeprovisioned", bob), "no removal recorded for an account the operator did not make");
    }

    [Fact]
    public async Task A_member_deleted_by_hand_is_not_kept_present_the_resync_full_read_finds_it_and_provisions_it_again()
    {
        var (group, _) = OktaTeam("Writers", 1);
        await ApplyScimHubAsync(resync: "3s");
        var seats = await Sandbox.WaitForSeatsAsync(s => s.Count == 1, "the writer provisioned");
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.Members == 1, "in sync");

        await ScimAsync(HttpMethod.Delete, $"Users/{seats[Email(0)].Id}");

        await Eventually.TrueAsync(async () => (await ScimStateAsync()).TryGetValue(Email(0), out var seat) && seat.Id != seats[Email(0)].Id,
            "the writer provisioned again after the resync read the app", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_cold_start_writes_in_parallel_up_to_the_per_app_cap_and_records_a_bounded_number_of_events()
    {
        const int People = 60;
        var (group, _) = OktaTeam("Launch", People);
        Sandbox.Meta.Faults.Inject(MetaFault.Slow(TimeSpan.FromMilliseconds(150)), times: People, methods: ["POST"]);
        Sandbox.Meta.Calls.Clear();

        await ApplyMetaHubAsync();
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.PendingInvites == People, "everyone invited", OperatorSandbox.MetaHub, TimeSpan.FromSeconds(60));

        Assert.InRange(Sandbox.Meta.Calls.MaxInFlight, 2, Cerby.Operator.Controllers.Hubs.HubApplyOptions.DefaultWriteConcurrency);
        var events = await Sandbox.EventsAsync(Ns);
        var single = events.Count(e => e.Reason == "UserInvited");
        var summarized = events.Where(e => e.Reason == "UsersInvited").Sum(e => int.Parse(InvitedMore().Match(e.Note ?? "").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(People, single + summarized);
        Assert.InRange(single, 1, Cerby.Operator.Controllers.Hubs.HubApplyOptions.DefaultEventsPerSync * 2);
    }

    [GeneratedRegex("invited (\\d+) more users")]
    private static partial Regex InvitedMore();

    private static string Email(int i) => $"u{i:D4}@acme.test";

    private (string Group, List<string> Users) OktaTeam(string name, int count)
    {
        groupName = name;
        var group = Sandbox.Org.CreateGroup(name);
        var users = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var user = Sandbox.Org.CreateUser(Email(i));
            Sandbox.Org.AddToGroup(group, user);
            users.Add(user);
        }

        return (group, users);
    }

    /// <summary>The namespace, the SCIM hub with a long resync interval (so only the changes make app calls), the team and its share.</summary>
    private async Task ApplyScimHubAsync(string resync = "10m")
    {
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns).Replace("resyncInterval: 30s", $"resyncInterval: {resync}", StringComparison.Ordinal)
            + OperatorSandbox.Binding(Ns, "team", groupName) + OperatorSandbox.Share(Ns, "team", "Viewer", team: "team"));
    }

    private async Task ApplyMetaHubAsync()
    {
        await Sandbox.ApplyAsync((Sandbox.Basics(Ns) + Sandbox.MetaHubManifest(Ns)).Replace("resyncInterval: 30s", "resyncInterval: 10m", StringComparison.Ordinal)
            + OperatorSandbox.Binding(Ns, "team", groupName) + OperatorSandbox.Share(Ns, "team", "Editor", team: "team", hub: OperatorSandbox.MetaHub));
    }

    private async Task SeedScimAsync(IEnumerable<string> emails, string role)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Sandbox.Scim.BaseUrl + "/admin/") };
        var users = emails.Select(e => (JsonNode)new JsonObject
        {
            ["userName"] = e,
            ["externalId"] = ScimManagedMarker.For(e),
            ["emails"] = new JsonArray(new JsonObject { ["value"] = e, ["primary"] = true }),
            ["roles"] = new JsonArray(new JsonObject { ["value"] = role, ["primary"] = true }),
        });
        using var response = await admin.PostAsJsonAsync("seed", new JsonObject { ["users"] = new JsonArray([.. users]) });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Requests scimmy answered under /scim/v2 so far (its /admin routes are not counted).</summary>
    private async Task<int> ScimRequestsAsync()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Sandbox.Scim.BaseUrl + "/admin/") };
        return (await admin.GetFromJsonAsync<JsonObject>("requests"))!["total"]!.GetValue<int>();
    }

    /// <summary>The app's users by userName, read through /admin (not counted as app calls).</summary>
    private async Task<Dictionary<string, ScimSeat>> ScimStateAsync()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Sandbox.Scim.BaseUrl + "/admin/") };
        var state = (await admin.GetFromJsonAsync<JsonObject>("state"))!;
        return state["users"]!.AsArray().ToDictionary(
            u => u!["userName"]!.GetValue<string>(),
            u => new ScimSeat(u!["id"]!.GetValue<string>(), u["roles"]?.AsArray().FirstOrDefault()?["value"]?.GetValue<string>(), true, null, u["externalId"]?.GetValue<string>()),
            StringComparer.OrdinalIgnoreCase);
    }

    private async Task ScimAsync(HttpMethod method, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Sandbox.Scim.BaseUrl + "/scim/v2/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.ScimToken);
        using var response = await http.SendAsync(new HttpRequestMessage(method, path));
        response.EnsureSuccessStatusCode();
    }
}
