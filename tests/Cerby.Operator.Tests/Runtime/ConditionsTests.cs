using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Conditions.Set: ObservedGeneration always set, LastTransitionTime only on a status flip.</summary>
public sealed class ConditionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<Condition> _conditions = [];

    [Fact]
    public void A_new_condition_gets_the_current_time_and_generation()
    {
        Assert.True(Conditions.Set(_conditions, "Ready", ConditionStatus.False, "IdpUnreachable", "okta timed out", 3, _time));

        var ready = Assert.Single(_conditions);
        Assert.Equal(new Condition { Type = "Ready", Status = ConditionStatus.False, Reason = "IdpUnreachable", Message = "okta timed out", ObservedGeneration = 3, LastTransitionTime = Start }, ready);
    }

    [Fact]
    public void The_same_condition_again_changes_nothing()
    {
        Conditions.Set(_conditions, "Ready", ConditionStatus.True, "Synced", "ok", 1, _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(Conditions.Set(_conditions, "Ready", ConditionStatus.True, "Synced", "ok", 1, _time));
        Assert.Equal(Start, _conditions[0].LastTransitionTime);
    }

    [Fact]
    public void A_new_reason_message_or_generation_keeps_the_transition_time()
    {
        Conditions.Set(_conditions, "Ready", ConditionStatus.False, "IdpUnreachable", "timed out", 1, _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(Conditions.Set(_conditions, "Ready", ConditionStatus.False, "InvalidShare", "role Owner is not a hub role", 2, _time));

        var ready = Assert.Single(_conditions);
        Assert.Equal(("InvalidShare", "role Owner is not a hub role", 2L, Start), (ready.Reason, ready.Message, ready.ObservedGeneration, ready.LastTransitionTime));
    }

    [Fact]
    public void A_status_flip_moves_the_transition_time()
    {
        Conditions.Set(_conditions, "Ready", ConditionStatus.False, "IdpUnreachable", "timed out", 1, _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(Conditions.Set(_conditions, "Ready", ConditionStatus.True, "Synced", "ok", 1, _time));

        Assert.Equal(Start.AddMinutes(5), Assert.Single(_conditions).LastTransitionTime);
        Assert.True(Conditions.IsTrue(_conditions, "Ready"));
    }

    [Fact]
    public void Conditions_of_other_types_are_left_alone()
    {
        Conditions.Set(_conditions, "Ready", ConditionStatus.True, "Synced", "ok", 1, _time);
        Conditions.Set(_conditions, "Drifted", ConditionStatus.False, "NoDrift", "", 1, _time);

        Assert.Equal(["Ready", "Drifted"], _conditions.Select(c => c.Type));
        Assert.True(Conditions.Remove(_conditions, "Drifted"));
        Assert.Null(Conditions.Find(_conditions, "Drifted"));
        Assert.False(Conditions.Remove(_conditions, "Drifted"));
    }
}
