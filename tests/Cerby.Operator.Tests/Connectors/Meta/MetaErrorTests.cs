using Cerby.Emulators.Meta;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>Graph error bodies: throttling backs off then succeeds or ends throttled, 190 is unauthorized, 5xx is retried.</summary>
public sealed class MetaErrorTests(MetaConnectorFixture fixture) : IClassFixture<MetaConnectorFixture>, IAsyncLifetime
{
    private const string Email = "jane@example.com";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(613)]
    [InlineData(80004)]
    public async Task Each_throttling_code_backs_off_then_the_read_succeeds(int code)
    {
        fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Faults.Inject(MetaFault.Throttle(code, regainMinutes: 0), times: 2, pathContains: "/business_users");
        var time = new InstantTimeProvider();
        var connector = fixture.CreateMetaConnector(time, adjust: o => o with { Jitter = false }); // exact waits (the edge's tests check the jitter)

        var access = await connector.ReadAsync(CancellationToken.None);

        Assert.Contains(Email, access.Members.Keys);
        Assert.Equal(3, fixture.Emulator.Calls.Count("GET", "/business_users"));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], time.Waits);
    }

    [Fact]
    public async Task A_business_use_case_limit_waits_the_regain_time_Meta_names()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Faults.Inject(MetaFault.Throttle(80004, regainMinutes: 1), pathContains: "/assigned_users");
        var time = new InstantTimeProvider();
        var connector = fixture.CreateMetaConnector(time);

        var result = await connector.ApplyAsync(MetaChanges.Grant(Email, userId, MetaChanges.AdAccount, "ANALYZE"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(2, result.Calls);
        Assert.Equal([TimeSpan.FromMinutes(1)], time.Waits);
    }

    [Fact]
    public async Task An_HTTP_429_waits_its_Retry_After()
    {
        fixture.Emulator.Faults.Inject(MetaFault.TooManyRequests(retryAfterSeconds: 3), pathContains: "/pending_users");
        var time = new InstantTimeProvider();
        var connector = fixture.CreateMetaConnector(time);

        await connector.ReadAsync(CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(3)], time.Waits);
    }

    [Fact]
    public async Task A_regain_time_beyond_the_longest_wait_ends_throttled_at_once()
    {
        fixture.Emulator.Faults.Inject(MetaFault.Throttle(80004, regainMinutes: 19), pathContains: "/business_users");
        var time = new InstantTimeProvider();
        var connector = fixture.CreateMetaConnector(time);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Throttled, error.Kind);
        Assert.Equal("80004", error.AppErrorCode);
        Assert.Contains("19 min", error.Message, StringComparison.Ordinal);
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_ends_throttled()
    {
        fixture.Emulator.Faults.Inject(MetaFault.Throttle(613, regainMinutes: 0), times: 10);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Throttled, error.Kind);
        Assert.Equal(4, fixture.Emulator.Calls.All.Count);
    }

    [Fact]
    public async Task An_invalid_token_is_unauthorized_and_never_appears_in_the_message()
    {
        const string token = "EAAB-not-the-real-token";
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(), token);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unauthorized, error.Kind);
        Assert.Equal("190", error.AppErrorCode);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Emulator.Calls.All);
    }

    [Fact]
    public async Task A_write_Meta_answered_unavailable_is_retried_then_succeeds()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Faults.Inject(MetaFault.ServerError(503), methods: ["POST"]);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var result = await connector.ApplyAsync(MetaChanges.SetRole(AccessChangeKind.RaiseRole, Email, userId, "ADMIN"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(3, result.Calls); // GET role, POST (503), POST
        Assert.Equal("ADMIN", fixture.Emulator.Business.UserByEmail(Email)!.Role);
    }

    [Fact]
    public async Task A_write_that_got_a_500_may_have_happened_and_is_not_repeated()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Faults.Inject(MetaFault.ServerError(500), methods: ["POST"]);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.ApplyAsync(MetaChanges.SetRole(AccessChangeKind.RaiseRole, Email, userId, "ADMIN"), CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Unavailable, true), (error.Kind, error.OutcomeUnknown));
        Assert.Equal(1, fixture.Emulator.Calls.Count("POST"));
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_end_unavailable()
    {
        fixture.Emulator.Faults.Inject(MetaFault.ServerError(503), times: 10);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unavailable, error.Kind);
        Assert.Equal(503, error.StatusCode);
    }

    [Fact]
    public async Task A_slow_read_times_out_and_is_retried()
    {
        fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Faults.Inject(MetaFault.Slow(TimeSpan.FromSeconds(30)), pathContains: "/business_users");
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(), timeout: TimeSpan.FromMilliseconds(300));

        var access = await connector.ReadAsync(CancellationToken.None);

        Assert.Contains(Email, access.Members.Keys);
        Assert.Equal(2, fixture.Emulator.Calls.Count("GET", "/business_users"));
    }

    [Fact]
    public async Task A_slow_invite_is_not_repeated_because_it_may_have_happened_and_a_read_decides()
    {
        fixture.Emulator.Faults.Inject(MetaFault.Slow(TimeSpan.FromSeconds(30)), methods: ["POST"]);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(), timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ApplyAsync(MetaChanges.Invite(Email), CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Unavailable, true), (error.Kind, error.OutcomeUnknown));
        Assert.Equal(1, fixture.Emulator.Calls.Count("POST"));
        Assert.Contains("a read shows no invitation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_delete_is_repeated_because_deleting_twice_is_harmless()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Faults.Inject(MetaFault.Slow(TimeSpan.FromSeconds(30)), methods: ["DELETE"]);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(), timeout: TimeSpan.FromMilliseconds(300));

        var result = await connector.ApplyAsync(MetaChanges.Change(AccessChangeKind.Remove, Email, userId), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(2, fixture.Emulator.Calls.Count("DELETE"));
        Assert.Null(fixture.Emulator.Business.UserByEmail(Email));
    }

    [Fact]
    public async Task Removing_a_member_twice_finds_them_gone_the_second_time()
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        fixture.Emulator.Business.SeedAssignment(MetaConnectorFixture.PageId, userId, "ANALYZE");
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());
        var remove = MetaChanges.Change(AccessChangeKind.Remove, Email, userId);

        var first = await connector.ApplyAsync(remove, CancellationToken.None);
        var second = await connector.ApplyAsync(remove, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, first.Outcome);
        Assert.Equal(ApplyOutcome.AlreadyInPlace, second.Outcome);
        Assert.Empty((await connector.ReadAsync(CancellationToken.None)).Members);
    }

    [Theory]
    [InlineData(AccessChangeKind.Suspend)]
    [InlineData(AccessChangeKind.UpdateAttributes)]
    public async Task Changes_Meta_cannot_express_are_rejected_without_a_call(AccessChangeKind kind)
    {
        var userId = fixture.Emulator.Business.SeedUser(Email);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ApplyAsync(MetaChanges.Change(kind, Email, userId), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Empty(fixture.Emulator.Calls.All);
    }
}
