using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Results, predicates and event names: the small pure parts controllers rely on.</summary>
public sealed class ControllerPartsTests
{
    [Fact]
    public void ReconcileResult_has_three_outcomes_and_refuses_a_requeue_without_delay()
    {
        Assert.Equal(ReconcileOutcome.Success, ReconcileResult.Success.Outcome);
        Assert.Equal((ReconcileOutcome.RequeueAfter, TimeSpan.FromMinutes(5)), (ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(5)).Outcome, ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(5)).Delay));
        Assert.Equal((ReconcileOutcome.Terminal, "bad role"), (ReconcileResult.Terminal("bad role").Outcome, ReconcileResult.Terminal("bad role").Message));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.RequeueAfter(TimeSpan.Zero));
        Assert.Equal((ReconcileOutcome.Success, TimeSpan.FromMinutes(10)), (ReconcileResult.ResyncAfter(TimeSpan.FromMinutes(10)).Outcome, ReconcileResult.ResyncAfter(TimeSpan.FromMinutes(10)).Delay));
    }

    [Fact]
    public void GenerationChanged_drops_status_only_updates_and_keeps_the_rest()
    {
        var before = Share(generation: 1);
        var statusOnly = Share(generation: 1);
        var specChange = Share(generation: 2);
        var deleting = Share(generation: 1);
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.False(Predicates.GenerationChanged(new InformerEvent<TeamShare>(InformerEventType.Updated, statusOnly, before)));
        Assert.True(Predicates.GenerationChanged(new InformerEvent<TeamShare>(InformerEventType.Updated, specChange, before)));
        Assert.True(Predicates.GenerationChanged(new InformerEvent<TeamShare>(InformerEventType.Updated, deleting, before)));
        Assert.True(Predicates.GenerationChanged(new InformerEvent<TeamShare>(InformerEventType.Updated, before, before)));
        Assert.True(Predicates.GenerationChanged(new InformerEvent<TeamShare>(InformerEventType.Added, before)));
        Assert.True(Predicates.GenerationChanged(new InformerEvent<TeamShare>(InformerEventType.Deleted, before)));
    }

    [Fact]
    public void Event_names_are_deterministic_and_differ_by_reason_note_type_and_object()
    {
        var share = Share(generation: 1);
        share.Metadata.Uid = "uid-1";
        var name = EventNames.For(share, "HubMissing", "hub not found", "Warning");

        Assert.Equal(name, EventNames.For(share, "HubMissing", "hub not found", "Warning"));
        Assert.Matches("^s\\.[0-9a-f]{16}$", name);
        Assert.NotEqual(name, EventNames.For(share, "HubMissing", "hub not found", "Normal"));
        Assert.NotEqual(name, EventNames.For(share, "HubMissing", "other note", "Warning"));
        Assert.NotEqual(name, EventNames.For(share, "Other", "hub not found", "Warning"));
        share.Metadata.Uid = "uid-2";
        Assert.NotEqual(name, EventNames.For(share, "HubMissing", "hub not found", "Warning"));
    }

    [Fact]
    public void Event_names_stay_within_the_name_length_limit()
    {
        var share = Share(generation: 1);
        share.Metadata.Name = new string('a', 253);

        Assert.Equal(253, EventNames.For(share, "R", "n", "Normal").Length);
    }

    private static TeamShare Share(long generation)
    {
        var share = TestCluster.Share("s");
        share.Metadata.Generation = generation;
        return share;
    }
}
