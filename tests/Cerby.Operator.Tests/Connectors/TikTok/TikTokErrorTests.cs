using Cerby.Emulators.TikTok;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;
using static Cerby.Operator.Tests.Connectors.TikTok.TikTokChanges;

namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>TikTok's own error signalling: HTTP 200 with a non-zero envelope code, throttling codes without a named wait.</summary>
public sealed class TikTokErrorTests(TikTokConnectorFixture peer) : IClassFixture<TikTokConnectorFixture>, IAsyncLifetime
{
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(40100)]
    [InlineData(40132)]
    [InlineData(61000)]
    public async Task A_throttling_code_in_an_HTTP_200_is_backed_off_exponentially_then_the_read_succeeds(int code)
    {
        peer.Emulator.BusinessCenter.SeedMember("ana@example.com");
        peer.Emulator.Faults.Inject(TikTokFault.WithCode(code), times: 2, method: "GET", path: "bc/member/get/");

        var actual = await peer.CreateTikTokConnector(time, adjust: o => o with { Jitter = false }).ReadAsync(CancellationToken.None); // exact waits (the edge's tests check the jitter)

        Assert.Single(actual.Members);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], time.Waits);
    }

    [Fact]
    public async Task Throttling_codes_that_outlast_the_retries_are_Throttled_with_the_code()
    {
        peer.Emulator.Faults.Inject(TikTokFault.WithCode(40100), times: 50, method: "GET");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ReadAsync(CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Throttled, "40100"), (error.Kind, error.AppErrorCode));
        Assert.Equal(4, peer.Emulator.Calls.Reads);
    }

    [Fact]
    public async Task An_invite_answered_with_a_system_error_is_not_sent_again_and_is_reported_as_outcome_unknown()
    {
        peer.Emulator.Faults.Inject(TikTokFault.WithCode(50000), method: "POST");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ApplyAsync(Invite("bo@example.com"), CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, peer.Emulator.Calls.Writes);
    }

    [Fact]
    public async Task A_write_conflict_code_is_retried_because_TikTok_did_not_act()
    {
        peer.Emulator.Faults.Inject(TikTokFault.WithCode(40202), method: "POST");

        var result = await peer.CreateConnector(time).ApplyAsync(Invite("cy@example.com"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(2, peer.Emulator.Calls.Writes);
    }

    [Theory]
    [InlineData(null, "40104")]
    [InlineData("act.wrong", "40105")]
    public async Task A_missing_or_refused_token_is_Unauthorized_from_the_envelope_and_never_echoed(string? token, string code)
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateTikTokConnector(time, token ?? "").ReadAsync(CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Unauthorized, code), (error.Kind, error.AppErrorCode));
        Assert.DoesNotContain(peer.Emulator.AccessToken, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("act.wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_business_refusal_names_the_call_the_code_and_the_request_id()
    {
        for (var i = 0; i < 20; i++)
        {
            peer.Emulator.BusinessCenter.SeedMember($"admin{i}@example.com", "ADMIN");
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ApplyAsync(Invite("one-more@example.com", "ADMIN"), CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Rejected, "40002"), (error.Kind, error.AppErrorCode));
        Assert.Contains("POST /bc/member/invite/", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 20 admins", error.Message, StringComparison.Ordinal);
        Assert.Contains("request_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspend_is_refused_without_any_call()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            peer.CreateConnector(time).ApplyAsync(Change(AccessChangeKind.Suspend, "di@example.com", "1"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal(0, peer.Emulator.Calls.Reads + peer.Emulator.Calls.Writes);
    }
}
