using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors;

/// <summary>
/// The contract every app connector keeps (IAppConnector): complete reads or an error, idempotent changes with at
/// most the peer's documented writes each, bounded retries through the injected clock, clear error kinds. A connector
/// runs it by deriving a class with its fixture.
/// </summary>
public abstract class ConnectorContractTests<TFixture>(TFixture peer) : IAsyncLifetime
    where TFixture : IConnectorFixture
{
    protected TFixture Peer { get; } = peer;

    protected InstantTimeProvider Time { get; } = new();

    protected string Admin => Peer.NativeRoles[0];

    protected string Editor => Peer.NativeRoles[1];

    protected string Viewer => Peer.NativeRoles[2];

    public Task InitializeAsync() => Peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reading_some_members_answers_each_as_a_full_read_does_and_an_absent_one_as_null()
    {
        await Peer.SeedAsync(new PeerMember("Ada@Example.com", Admin, Managed: true));
        await Peer.SeedAsync(new PeerMember("bob@example.com", Viewer));
        await Peer.SeedAsync(new PeerMember("carl@example.com", Editor));
        var connector = Connector();
        var all = await connector.ReadAsync(CancellationToken.None);

        var read = await connector.ReadMembersAsync(
            [new MemberLookup("ada@example.com", "Ada@Example.com", all.Members["ada@example.com"]), new MemberLookup("bob@example.com", "bob@example.com", null),
             new MemberLookup("zed@example.com", "zed@example.com", null)],
            CancellationToken.None);

        Assert.Equal(3, read.Members.Count);
        foreach (var key in new[] { "ada@example.com", "bob@example.com" })
        {
            var (expected, got) = (all.Members[key], read.Members[key]!);
            Assert.Equal((expected.AppUserId, expected.NativeRole, expected.State, expected.Managed), (got.AppUserId, got.NativeRole, got.State, got.Managed));
        }

        Assert.Null(read.Members["zed@example.com"]);
    }

    [Fact]
    public async Task Read_returns_each_member_with_native_role_state_and_managed_marker()
    {
        var adminId = await Peer.SeedAsync(new PeerMember("Ada@Example.com", Admin, Managed: true));
        await Peer.SeedAsync(new PeerMember("bob@example.com", Viewer));

        var actual = await Connector().ReadAsync(CancellationToken.None);

        Assert.Equal(2, actual.Members.Count);
        var ada = actual.Members["ada@example.com"];
        Assert.Equal((adminId, Admin, MemberState.Active, Peer.MarksManaged), (ada.AppUserId, ada.NativeRole, ada.State, ada.Managed));
        var bob = actual.Members["bob@example.com"];
        Assert.Equal((Viewer, MemberState.Active, false), (bob.NativeRole, bob.State, bob.Managed));
    }

    [Fact]
    public async Task Read_of_an_empty_app_is_empty_not_an_error()
    {
        var actual = await Connector().ReadAsync(CancellationToken.None);

        Assert.Empty(actual.Members);
    }

    [Fact]
    public async Task Read_crosses_pages_and_returns_every_member()
    {
        var count = (Peer.PageSize * 2) + 3;
        await Peer.SeedManyAsync([.. Enumerable.Range(0, count).Select(i => new PeerMember($"user{i:000}@example.com", Viewer))]);

        var actual = await Connector().ReadAsync(CancellationToken.None);

        Assert.Equal(count, actual.Members.Count);
        Assert.Contains($"user{count - 1:000}@example.com", actual.Members.Keys);
    }

    [Fact]
    public async Task Add_creates_the_member_with_its_role_as_managed_and_a_repeat_is_already_in_place()
    {
        var connector = Connector();
        var add = Change(AccessChangeKind.Add, "carol@example.com", Editor);

        var first = await connector.ApplyAsync(add, CancellationToken.None);
        var second = await connector.ApplyAsync(add, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, first.Outcome);
        Assert.Equal(ApplyOutcome.AlreadyInPlace, second.Outcome);
        if (Peer.AddsByInvite)
        {
            // The repeat found the pending invite; the seat exists once the person accepts.
            Assert.Equal(MemberState.Invited, (await connector.ReadAsync(CancellationToken.None)).Members["carol@example.com"].State);
            await Peer.AcceptInviteAsync("carol@example.com");
        }

        Assert.Equal(new PeerMember("carol@example.com", Editor, Active: true, Managed: Peer.MarksManaged), await Peer.InspectAsync("carol@example.com"));
        var read = (await connector.ReadAsync(CancellationToken.None)).Members["carol@example.com"];
        Assert.Equal((Editor, MemberState.Active, Peer.MarksManaged), (read.NativeRole, read.State, read.Managed));
    }

    [Fact]
    public async Task Add_for_a_user_the_app_already_has_becomes_a_role_update()
    {
        var id = await Peer.SeedAsync(new PeerMember("dan@example.com", Viewer));

        // The planner passes the app's id of every member the app has (AccessChange.AppUserId).
        var result = await Connector().ApplyAsync(Change(AccessChangeKind.Add, "dan@example.com", Editor, id), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(Editor, (await Peer.InspectAsync("dan@example.com"))?.NativeRole);
    }

    [Theory]
    [InlineData(AccessChangeKind.RaiseRole, 2, 0)]
    [InlineData(AccessChangeKind.LowerRole, 0, 2)]
    public async Task Role_change_is_written_once_and_a_repeat_is_already_in_place(AccessChangeKind kind, int from, int to)
    {
        var id = await Peer.SeedAsync(new PeerMember("erin@example.com", Peer.NativeRoles[from], Managed: true));
        var connector = Connector();
        var change = Change(kind, "erin@example.com", Peer.NativeRoles[to], id);

        var first = await connector.ApplyAsync(change, CancellationToken.None);
        var second = await connector.ApplyAsync(change, CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace), (first.Outcome, second.Outcome));
        Assert.Equal(Peer.NativeRoles[to], (await Peer.InspectAsync("erin@example.com"))?.NativeRole);
    }

    [Fact]
    public async Task Remove_deletes_the_member_and_a_repeat_is_already_in_place()
    {
        var id = await Peer.SeedAsync(new PeerMember("fay@example.com", Viewer, Managed: true));
        var connector = Connector();
        var remove = Change(AccessChangeKind.Remove, "fay@example.com", null, id);

        var first = await connector.ApplyAsync(remove, CancellationToken.None);
        var second = await connector.ApplyAsync(remove, CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace), (first.Outcome, second.Outcome));
        Assert.Null(await Peer.InspectAsync("fay@example.com"));
    }

    [Fact]
    public async Task Each_change_makes_at_most_the_documented_write_calls()
    {
        var id = await Peer.SeedAsync(new PeerMember("gus@example.com", Viewer, Managed: true));
        var connector = Connector();
        AccessChange[] changes =
        [
            Change(AccessChangeKind.Add, "hal@example.com", Editor),
            Change(AccessChangeKind.RaiseRole, "gus@example.com", Admin, id),
            Change(AccessChangeKind.LowerRole, "gus@example.com", Viewer, id),
            Change(AccessChangeKind.Remove, "gus@example.com", null, id),
        ];

        foreach (var change in changes)
        {
            var before = await Peer.WritesAsync();
            await connector.ApplyAsync(change, CancellationToken.None);
            Assert.InRange(await Peer.WritesAsync() - before, 1, Peer.MaxWritesPerChange);
        }
    }

    [Fact]
    public async Task Throttling_is_waited_out_as_the_app_asks_then_the_read_succeeds()
    {
        await Peer.SeedAsync(new PeerMember("ivy@example.com", Viewer));
        await Peer.InjectReadFaultAsync(PeerFault.Throttle, times: 2);

        var actual = await Connector().ReadAsync(CancellationToken.None);

        Assert.Single(actual.Members);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], Time.Waits);
    }

    [Fact]
    public async Task Throttling_on_a_write_is_retried_then_the_change_applies()
    {
        await Peer.InjectWriteFaultAsync(PeerFault.Throttle);

        var result = await Connector().ApplyAsync(Change(AccessChangeKind.Add, "jon@example.com", Viewer), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        if (Peer.AddsByInvite)
        {
            await Peer.AcceptInviteAsync("jon@example.com");
        }

        Assert.NotNull(await Peer.InspectAsync("jon@example.com"));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_Throttled()
    {
        await Peer.InjectReadFaultAsync(PeerFault.Throttle, times: 50);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Throttled, error.Kind);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_the_read_succeeds()
    {
        await Peer.SeedAsync(new PeerMember("kim@example.com", Viewer));
        await Peer.InjectReadFaultAsync(PeerFault.ServerError, times: 2);

        var actual = await Connector().ReadAsync(CancellationToken.None);

        Assert.Single(actual.Members);
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_are_Unavailable()
    {
        await Peer.InjectReadFaultAsync(PeerFault.ServerError, times: 50);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unavailable, error.Kind);
    }

    [Theory]
    [InlineData(PeerFault.MalformedBody)]
    [InlineData(PeerFault.PageLoop)]
    public async Task A_broken_second_page_fails_the_whole_read_as_InvalidResponse(PeerFault fault)
    {
        await Peer.SeedManyAsync([.. Enumerable.Range(0, (Peer.PageSize * 2) + 1).Select(i => new PeerMember($"lee{i}@example.com", Viewer))]);
        await Peer.InjectReadFaultAsync(fault, afterPages: 1);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task Refused_credentials_are_Unauthorized_and_the_message_holds_no_token()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Peer.CreateConnector(Time, validCredentials: false).ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unauthorized, error.Kind);
        Assert.All(Peer.Secrets, secret => Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal));
    }

    protected IAppConnector Connector() => Peer.CreateConnector(Time);

    protected static AccessChange Change(AccessChangeKind kind, string email, string? nativeRole, string? appUserId = null) =>
        new(kind, email.ToLowerInvariant(), email, null, null, "contract test", NativeRole: nativeRole, AppUserId: appUserId);
}
