using Cerby.Emulators.Meta;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>Reading the membership: complete over every page, or an error, never a shorter list.</summary>
public sealed class MetaReadTests(MetaConnectorFixture fixture) : IClassFixture<MetaConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Users_invites_and_assigned_users_are_read_over_several_pages()
    {
        var business = fixture.Emulator.Business;
        var ids = Enumerable.Range(1, 35).Select(i => business.SeedUser($"User{i:D2}@Example.com", i == 1 ? "ADMIN" : "EMPLOYEE")).ToList();
        foreach (var id in ids.Take(23))
        {
            business.SeedAssignment(MetaConnectorFixture.PageId, id, "ANALYZE");
        }

        for (var i = 1; i <= 12; i++)
        {
            business.SeedInvite($"invitee{i:D2}@example.com");
        }

        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var access = await connector.ReadAsync(CancellationToken.None);

        Assert.Equal("marketing/meta-main", access.Hub);
        Assert.Equal(47, access.Members.Count);
        Assert.Equal(23, access.Members.Values.Count(m => m.Assets.Count == 1));
        Assert.Equal(12, access.Members.Values.Count(m => m.State == MemberState.Invited));
        var admin = access.Members["user01@example.com"];
        Assert.Equal(("User01@Example.com", "ADMIN", ids[0], MemberState.Active), (admin.Email, admin.NativeRole, admin.AppUserId, admin.State));
        Assert.Equal(4, fixture.Emulator.Calls.Count("GET", "/business_users")); // 35 users, 10 a page
        Assert.Equal(2, fixture.Emulator.Calls.Count("GET", "/pending_users"));
        Assert.Equal(3, fixture.Emulator.Calls.Count("GET", $"/{MetaConnectorFixture.PageId}/assigned_users"));
        Assert.Equal(1, fixture.Emulator.Calls.Count("GET", $"/{MetaConnectorFixture.AdAccountId}/assigned_users"));
    }

    [Fact]
    public async Task A_cursor_that_does_not_advance_fails_the_read_as_invalid()
    {
        SeedUsers(25);
        fixture.Emulator.Faults.Inject(MetaFault.CursorLoop(), times: 5, pathContains: "/business_users", skip: 1);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("page loop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_longer_than_the_page_bound_fails_the_read_as_invalid()
    {
        SeedUsers(25);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(), adjust: o => o with { MaxPages = 2 });

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task Malformed_JSON_fails_the_read_as_invalid_without_retrying()
    {
        SeedUsers(3);
        fixture.Emulator.Faults.Inject(MetaFault.MalformedJson(), pathContains: "/pending_users");
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(1, fixture.Emulator.Calls.Count("GET", "/pending_users"));
    }

    [Fact]
    public async Task A_business_user_without_an_email_fails_the_read_as_invalid()
    {
        SeedUsers(3);
        fixture.Emulator.Business.SeedUser(email: null);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("\"email\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managed_asset_of_a_kind_Meta_cannot_assign_is_refused_before_any_call()
    {
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(),
            adjust: o => o with { Assets = [.. o.Assets, new AssetRef(AssetKind.Catalog, "555")] });

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Empty(fixture.Emulator.Calls.All);
    }

    private void SeedUsers(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            fixture.Emulator.Business.SeedUser($"user{i:D3}@example.com");
        }
    }
}
