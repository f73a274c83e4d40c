using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors;

/// <summary>The contract for connectors whose app can deactivate a member and keep the account (removal: suspend).</summary>
public abstract class SuspendContractTests<TFixture>(TFixture peer) : ConnectorContractTests<TFixture>(peer)
    where TFixture : IConnectorFixture
{
    [Fact]
    public async Task Suspend_deactivates_the_member_and_a_repeat_is_already_in_place()
    {
        var id = await Peer.SeedAsync(new PeerMember("mia@example.com", Editor, Managed: true));
        var connector = Connector();
        var suspend = Change(AccessChangeKind.Suspend, "mia@example.com", null, id);

        var first = await connector.ApplyAsync(suspend, CancellationToken.None);
        var second = await connector.ApplyAsync(suspend, CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace), (first.Outcome, second.Outcome));
        Assert.False((await Peer.InspectAsync("mia@example.com"))?.Active);
        Assert.Equal(MemberState.Suspended, (await connector.ReadAsync(CancellationToken.None)).Members["mia@example.com"].State);
    }

    [Fact]
    public async Task Add_of_a_suspended_member_reactivates_it_with_the_role()
    {
        var id = await Peer.SeedAsync(new PeerMember("ned@example.com", Viewer, Active: false, Managed: true));

        var result = await Connector().ApplyAsync(Change(AccessChangeKind.Add, "ned@example.com", Admin, id), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(new PeerMember("ned@example.com", Admin, Active: true, Managed: true), await Peer.InspectAsync("ned@example.com"));
    }
}
