using Cerby.Emulators.LinkedIn;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.LinkedIn;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.LinkedIn;

/// <summary>LinkedIn's own rules: people by person URN only, one billing admin, a daily quota, lost answers read back.</summary>
public sealed class LinkedInRulesTests(LinkedInConnectorFixture peer) : IClassFixture<LinkedInConnectorFixture>, IAsyncLifetime
{
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Adding_an_email_with_no_declared_person_is_rejected_naming_the_fix_and_writes_nothing()
    {
        peer.People.Undeclared["zoe@example.com"] = true;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ApplyAsync(Change(AccessChangeKind.Add, "zoe@example.com", "VIEWER"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Contains("no LinkedIn person URN is declared", error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.connector.linkedIn.people", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, peer.Emulator.Calls.Writes);
    }

    [Fact]
    public async Task A_user_whose_person_the_hub_does_not_know_is_read_by_urn_not_guessed()
    {
        peer.Emulator.Account.Seed("urn:li:person:Stranger1", "CAMPAIGN_MANAGER");
        await peer.SeedAsync(new PeerMember("ada@example.com", "VIEWER"));

        var members = (await Connector().ReadAsync(CancellationToken.None)).Members;

        Assert.Equal(2, members.Count);
        var stranger = members["urn:li:person:Stranger1"];
        Assert.Equal(("urn:li:person:Stranger1", "urn:li:person:Stranger1", "CAMPAIGN_MANAGER"), (stranger.Email, stranger.AppUserId, stranger.NativeRole));
        Assert.Equal(FixturePeople.UrnOf("ada@example.com"), members["ada@example.com"].AppUserId);
    }

    [Fact]
    public async Task A_declared_person_LinkedIn_does_not_know_is_rejected()
    {
        var change = Change(AccessChangeKind.Add, "ghost@example.com", "VIEWER") with { AppUserId = "urn:li:person:NoSuchMember" };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ApplyAsync(change, CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Rejected, 404), (error.Kind, error.StatusCode));
        Assert.Contains("urn:li:person:NoSuchMember", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_billing_admin_is_rejected_and_the_first_keeps_the_role()
    {
        await peer.SeedAsync(new PeerMember("payer@example.com", LinkedInAdAccount.BillingAdmin));
        var other = await peer.SeedAsync(new PeerMember("other@example.com", "VIEWER"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Connector().ApplyAsync(Change(AccessChangeKind.RaiseRole, "other@example.com", LinkedInAdAccount.BillingAdmin) with { AppUserId = other }, CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Rejected, 400), (error.Kind, error.StatusCode));
        Assert.Contains("only one", error.Message, StringComparison.Ordinal);
        Assert.Equal(LinkedInAdAccount.BillingAdmin, (await peer.InspectAsync("payer@example.com"))?.NativeRole);
        Assert.Equal("VIEWER", (await peer.InspectAsync("other@example.com"))?.NativeRole);
    }

    [Fact]
    public async Task A_spent_daily_quota_fails_at_once_as_Throttled_naming_the_midnight_reset()
    {
        await peer.SeedAsync(new PeerMember("ivy@example.com", "VIEWER"));
        peer.Emulator.Quota.Limit = 0;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Throttled, error.Kind);
        Assert.Contains("resets at 00:00 UTC", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, peer.Emulator.Calls.Reads); // no retries spend what is left of nothing
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task A_role_update_whose_answer_was_lost_is_settled_by_a_read_not_sent_again()
    {
        var id = await peer.SeedAsync(new PeerMember("erin@example.com", "VIEWER"));
        peer.Emulator.Faults.Inject(LinkedInFaultKind.ApplyThenDrop, forReads: false);

        var result = await Connector().ApplyAsync(Change(AccessChangeKind.RaiseRole, "erin@example.com", "ACCOUNT_MANAGER") with { AppUserId = id }, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Contains("answer was lost", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, peer.Emulator.Calls.Writes);
        Assert.Equal("ACCOUNT_MANAGER", (await peer.InspectAsync("erin@example.com"))?.NativeRole);
    }

    [Fact]
    public async Task Invitations_and_suspension_are_refused_clearly_since_LinkedIn_has_neither()
    {
        var invite = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ApplyAsync(Change(AccessChangeKind.Invite, "new@example.com", "VIEWER"), CancellationToken.None));
        var suspend = await Assert.ThrowsAsync<ConnectorException>(() => Connector().ApplyAsync(Change(AccessChangeKind.Suspend, "new@example.com", null), CancellationToken.None));

        Assert.Contains("no invitations", invite.Message, StringComparison.Ordinal);
        Assert.Contains("no suspended state", suspend.Message, StringComparison.Ordinal);
        Assert.Equal(0, peer.Emulator.Calls.Writes);
    }

    [Theory]
    [InlineData("(account:urn%3Ali%3AsponsoredAccount%3A516986977,user:urn%3Ali%3Aperson%3AabC12)")]
    [InlineData("%28account%3Aurn%253Ali%253AsponsoredAccount%253A516986977%2Cuser%3Aurn%253Ali%253Aperson%253AabC12%29")]
    [InlineData("(account=urn:li:sponsoredAccount:516986977,user=urn:li:person:abC12)")]
    public void The_emulator_reads_every_documented_form_of_the_compound_key(string segment)
    {
        var fields = LinkedInRestKey.Compound(Uri.UnescapeDataString(segment));

        Assert.Equal("urn:li:sponsoredAccount:516986977", fields?["account"]);
        Assert.Equal("urn:li:person:abC12", fields?["user"]);
    }

    private LinkedInConnector Connector() => peer.CreateLinkedInConnector(time);

    private static AccessChange Change(AccessChangeKind kind, string email, string? role) =>
        new(kind, email, email, null, null, "rules test", NativeRole: role);
}
