using System.Text;
using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Planning;

namespace Cerby.Operator.Tests.Controllers;

/// <summary>A hub's condition messages fit the API server's limit (32,768 bytes per message) however many shares are invalid.</summary>
public sealed class HubStatusMessageTests
{
    [Fact]
    public void Nine_hundred_invalid_shares_of_unbound_teams_give_messages_that_fit_and_name_the_shares()
    {
        var world = new PlanningWorld().Hub().InApp("alice", "ANALYST");
        for (var i = 0; i < 900; i++)
        {
            world.RawShare(new TeamShare
            {
                Metadata = new() { Name = $"share-with-a-rather-long-name-{i:D4}", NamespaceProperty = "default" },
                Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = $"unbound-team-{i:D4}" }, Role = "Viewr" },
            });
        }

        var model = world.Model();
        var model0 = model.Hubs["default/hub"];
        var desired = model.Desired("default/hub");
        var plan = AccessPlanner.Plan(model0, desired, world.Actual());
        var hub = new BusinessHub { Metadata = new() { Name = "hub", NamespaceProperty = "default", Generation = 1 }, Spec = new BusinessHubSpec() };

        hub.Status = HubStatusBuilder.FromSync(hub, model0, new HubSyncResult(world.Actual(), desired, plan, null, false), PlanningWorld.Now, PlanningWorld.Now);

        foreach (var condition in hub.Status!.Conditions)
        {
            Assert.True(Encoding.UTF8.GetByteCount(condition.Message ?? "") < 8192, $"{condition.Type}: {Encoding.UTF8.GetByteCount(condition.Message ?? "")} bytes");
        }

        var degraded = hub.Status.Conditions.Single(c => c.Type == "Degraded");
        Assert.Equal("InvalidShares", degraded.Reason);
        Assert.StartsWith("900 invalid shares", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("TeamShare default/share-with-a-rather-long-name-0000", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("more", degraded.Message, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(hub.Status.PendingPlan?.Reason ?? "") < 8192);
    }
}
