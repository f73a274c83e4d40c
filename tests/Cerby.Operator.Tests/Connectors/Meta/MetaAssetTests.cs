using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>Page and ad-account access through assigned_users: grant with tasks, narrow, revoke.</summary>
public sealed class MetaAssetTests(MetaConnectorFixture fixture) : IClassFixture<MetaConnectorFixture>, IAsyncLifetime
{
    private const string Email = "jane@example.com";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Grant_narrow_and_revoke_a_page_read_back_as_the_members_assets()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var granted = await connector.ApplyAsync(MetaChanges.Grant(Email, userId, MetaChanges.Page, "MANAGE", "CREATE_CONTENT", "ANALYZE"), CancellationToken.None);
        Assert.Equal(ApplyOutcome.Applied, granted.Outcome);
        var asset = Assert.Single((await connector.ReadAsync(CancellationToken.None)).Members[Email].Assets);
        Assert.Equal((MetaChanges.Page.Kind, MetaChanges.Page.Id), (asset.Kind, asset.Id));
        Assert.Equal(["ANALYZE", "CREATE_CONTENT", "MANAGE"], asset.Tasks);

        await connector.ApplyAsync(MetaChanges.Narrow(Email, userId, MetaChanges.Page, "ANALYZE"), CancellationToken.None);
        Assert.Equal(["ANALYZE"], fixture.Emulator.Business.TasksOf(MetaConnectorFixture.PageId, userId));

        var revoked = await connector.ApplyAsync(MetaChanges.Revoke(Email, userId, MetaChanges.Page), CancellationToken.None);
        Assert.Equal(ApplyOutcome.Applied, revoked.Outcome);
        Assert.Empty((await connector.ReadAsync(CancellationToken.None)).Members[Email].Assets);
    }

    [Fact]
    public async Task Ad_account_assignment_uses_the_act_prefixed_node_and_reads_back()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        await connector.ApplyAsync(MetaChanges.Grant(Email, userId, MetaChanges.AdAccount, "ADVERTISE", "ANALYZE"), CancellationToken.None);

        Assert.Equal(1, fixture.Emulator.Calls.Count("POST", $"/{MetaConnectorFixture.AdAccountId}/assigned_users"));
        var asset = Assert.Single((await connector.ReadAsync(CancellationToken.None)).Members[Email].Assets);
        Assert.Equal(MetaConnectorFixture.AdAccountId, asset.Id);
        Assert.Equal(["ADVERTISE", "ANALYZE"], asset.Tasks);
    }

    [Fact]
    public async Task A_task_the_asset_kind_does_not_accept_is_rejected_with_Metas_message()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.ApplyAsync(MetaChanges.Grant(Email, userId, MetaChanges.AdAccount, "CREATE_CONTENT"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal("100/1752129", error.AppErrorCode);
        Assert.Contains("task combination is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Granting_an_asset_to_someone_who_has_not_accepted_yet_is_rejected_clearly()
    {
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.ApplyAsync(MetaChanges.Grant(Email, null, MetaChanges.Page, "ANALYZE"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Contains("not a business user yet", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Emulator.Calls.Writes);
    }

    [Fact]
    public async Task Assets_the_hub_does_not_manage_are_not_read()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Business.SeedPage("999000111");
        fixture.Emulator.Business.SeedAssignment("999000111", userId, "MANAGE");
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var member = (await connector.ReadAsync(CancellationToken.None)).Members[Email];

        Assert.Empty(member.Assets);
        Assert.Equal(0, fixture.Emulator.Calls.Count("GET", "/999000111/assigned_users"));
    }
}
