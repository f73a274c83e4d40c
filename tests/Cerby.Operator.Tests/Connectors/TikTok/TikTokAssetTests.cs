using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Tests.Connectors.TikTok.TikTokChanges;

namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>Ad accounts and catalogs: the asset role that fits the type, read back per member, changed by unassign then assign.</summary>
public sealed class TikTokAssetTests(TikTokConnectorFixture peer) : IClassFixture<TikTokConnectorFixture>, IAsyncLifetime
{
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Granting_picks_the_role_that_fits_each_asset_type_and_the_read_shows_it()
    {
        var id = peer.Emulator.BusinessCenter.SeedMember("ana@example.com");
        var connector = peer.CreateConnector(time);

        await connector.ApplyAsync(Grant("ana@example.com", id, Advertiser, "OPERATOR", "AD_PROMOTE"), CancellationToken.None);
        await connector.ApplyAsync(Grant("ana@example.com", id, Catalog, "OPERATOR", "AD_PROMOTE"), CancellationToken.None);
        var repeat = await connector.ApplyAsync(Grant("ana@example.com", id, Advertiser, "OPERATOR"), CancellationToken.None);

        var assets = (await connector.ReadAsync(CancellationToken.None)).Members["ana@example.com"].Assets;
        Assert.Equal(ApplyOutcome.AlreadyInPlace, repeat.Outcome);
        Assert.Equal(
            [new AppAsset(AssetKind.AdAccount, TikTokConnectorFixture.AdvertiserId, ["OPERATOR"]), new AppAsset(AssetKind.Catalog, TikTokConnectorFixture.CatalogId, ["AD_PROMOTE"])],
            assets.OrderBy(a => a.Kind).Select(a => a with { Tasks = [.. a.Tasks] }),
            new AppAssetComparer());
    }

    [Fact]
    public async Task A_granted_role_reads_back_as_the_hub_roles_task_list_so_the_next_plan_sees_no_difference()
    {
        var id = peer.Emulator.BusinessCenter.SeedMember("eve@example.com");
        string[] operatorTasks = ["OPERATOR", "AD_PROMOTE"];
        var connector = peer.CreateTikTokConnector(time, adjust: o => o with { RoleTasks = [["ADMIN"], operatorTasks] });
        await connector.ApplyAsync(Grant("eve@example.com", id, Advertiser, operatorTasks), CancellationToken.None);
        await connector.ApplyAsync(Grant("eve@example.com", id, Catalog, operatorTasks), CancellationToken.None);

        var assets = (await connector.ReadAsync(CancellationToken.None)).Members["eve@example.com"].Assets;

        Assert.All(assets, a => Assert.Equal(["AD_PROMOTE", "OPERATOR"], a.Tasks));
        Assert.Equal(2, assets.Count);
    }

    [Fact]
    public async Task Changing_an_asset_role_unassigns_then_assigns_two_writes()
    {
        var id = peer.Emulator.BusinessCenter.SeedMember("bo@example.com");
        var connector = peer.CreateConnector(time);
        await connector.ApplyAsync(Grant("bo@example.com", id, Advertiser, "ANALYST"), CancellationToken.None);
        var before = peer.Emulator.Calls.Writes;

        var result = await connector.ApplyAsync(Grant("bo@example.com", id, Advertiser, "ADMIN"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(2, peer.Emulator.Calls.Writes - before);
        Assert.Equal("ADMIN", peer.Emulator.BusinessCenter.AssetRole("ADVERTISER", TikTokConnectorFixture.AdvertiserId, id));
    }

    [Fact]
    public async Task Revoking_unassigns_once_and_a_repeat_is_already_in_place()
    {
        var id = peer.Emulator.BusinessCenter.SeedMember("cy@example.com");
        var connector = peer.CreateConnector(time);
        await connector.ApplyAsync(Grant("cy@example.com", id, Catalog, "ADMIN"), CancellationToken.None);

        var first = await connector.ApplyAsync(Revoke("cy@example.com", id, Catalog), CancellationToken.None);
        var second = await connector.ApplyAsync(Revoke("cy@example.com", id, Catalog), CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace), (first.Outcome, second.Outcome));
        Assert.Null(peer.Emulator.BusinessCenter.AssetRole("CATALOG", TikTokConnectorFixture.CatalogId, id));
    }

    [Fact]
    public async Task A_role_that_does_not_fit_the_asset_type_is_refused_before_any_call()
    {
        var id = peer.Emulator.BusinessCenter.SeedMember("di@example.com");

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            peer.CreateConnector(time).ApplyAsync(Grant("di@example.com", id, Catalog, "OPERATOR"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal(0, peer.Emulator.Calls.Reads + peer.Emulator.Calls.Writes);
    }

    [Fact]
    public async Task Asset_members_are_read_across_pages_of_twenty()
    {
        var connector = peer.CreateConnector(time);
        for (var i = 0; i < 45; i++)
        {
            var id = peer.Emulator.BusinessCenter.SeedMember($"m{i:00}@example.com");
            peer.Emulator.BusinessCenter.Assign(id, "ADVERTISER", TikTokConnectorFixture.AdvertiserId, "ANALYST");
        }

        var actual = await connector.ReadAsync(CancellationToken.None);

        Assert.All(actual.Members.Values, m => Assert.Single(m.Assets));
        Assert.Equal(3, peer.Emulator.Calls.Count("GET", "bc/asset/member/get/") - 1); // 3 pages for the ad account, 1 for the empty catalog
    }

    private sealed class AppAssetComparer : IEqualityComparer<AppAsset>
    {
        public bool Equals(AppAsset? x, AppAsset? y) => x is not null && y is not null && x.Kind == y.Kind && x.Id == y.Id && x.Tasks.SequenceEqual(y.Tasks);

        public int GetHashCode(AppAsset obj) => HashCode.Combine(obj.Kind, obj.Id);
    }
}
