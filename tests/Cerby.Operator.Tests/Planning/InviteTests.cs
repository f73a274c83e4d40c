using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>Seed 002 (invite flow): users the app lacks are invited; pending invites are not repeated; losing access cancels them.</summary>
public sealed class InviteTests
{
    private static PlanningWorld Invites() => new PlanningWorld().Hub(inviteRequired: true).Users("alice").TeamShare("e", "editors", "Editor",
        "hub", new AssetShare { Kind = AssetKind.Page, Id = "1" });

    [Fact]
    public void User_the_app_lacks_is_invited_with_the_role()
    {
        var plan = Invites().Group("editors", "alice").Plan();

        var invite = plan.Single(Invite, "alice");
        Assert.Equal(("Editor", "EMPLOYEE"), (invite.To, invite.NativeRole));
        Assert.DoesNotContain(plan.Changes, c => c.Kind == GrantAsset); // assets wait for acceptance
    }

    [Fact]
    public void Pending_invite_is_not_sent_again()
    {
        var plan = Invites().Group("editors", "alice").InApp("alice", "EMPLOYEE", MemberState.Invited).Plan();

        Assert.True(plan.IsEmpty, PlanAssert.Describe(plan));
    }

    [Fact]
    public void Expired_invite_is_sent_again()
    {
        var plan = Invites().Group("editors", "alice").InApp("alice", "EMPLOYEE", MemberState.Invited, inviteExpired: true).Plan();

        var invite = plan.Single(Invite, "alice");
        Assert.Equal("invited (expired)", invite.From);
        Assert.StartsWith("the invite expired", invite.Reason);
    }

    [Fact]
    public void Accepted_invite_gets_the_assets()
    {
        var plan = Invites().Group("editors", "alice").InApp("alice", "EMPLOYEE", MemberState.Active).Plan();

        plan.OnlyChanges((GrantAsset, "alice"));
    }

    [Fact]
    public void Losing_access_while_pending_cancels_the_invite()
    {
        var plan = Invites().Group("editors").InApp("alice", "EMPLOYEE", MemberState.Invited).Plan();

        var cancel = plan.Single(CancelInvite, "alice");
        Assert.Equal("invited", cancel.From);
    }

    [Fact]
    public void Role_of_a_pending_invite_follows_the_shares()
    {
        var plan = Invites().Group("editors", "alice").InApp("alice", "ANALYST", MemberState.Invited).Plan();

        Assert.Equal(("Viewer", "Editor"), (plan.Single(RaiseRole, "alice").From, plan.Single(RaiseRole, "alice").To));
    }
}
