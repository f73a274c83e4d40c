
namespace Cerby.Operator.Resources;

/// <summary>
/// Sets status conditions the way apimachinery's meta.SetStatusCondition does: ObservedGeneration is always set, and
/// LastTransitionTime moves only when the status value flips (a new reason or message alone keeps it).
/// </summary>
internal static class Conditions
{
    /// <summary>Sets the condition of <paramref name="type"/>; returns whether anything changed.</summary>
    public static bool Set(
        List<Condition> conditions, string type, ConditionStatus status, string reason, string message, long observedGeneration, TimeProvider time) =>
        Set(conditions, type, status, reason, message, observedGeneration, time.GetUtcNow());

    /// <summary>Sets the condition of <paramref name="type"/> as of <paramref name="now"/> (for pure decisions that are handed the time); returns whether anything changed.</summary>
    public static bool Set(
        List<Condition> conditions, string type, ConditionStatus status, string reason, string message, long observedGeneration, DateTimeOffset now)
    {
        var index = conditions.FindIndex(c => c.Type == type);
        var existing = index >= 0 ? conditions[index] : null;
        var updated = new Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
            LastTransitionTime = existing is not null && existing.Status == status ? existing.LastTransitionTime : now,
        };
        if (existing == updated)
        {
            return false;
        }

        if (index >= 0)
        {
            conditions[index] = updated;
        }
        else
        {
            conditions.Add(updated);
        }

        return true;
    }

    /// <summary>The condition of <paramref name="type"/>, if set.</summary>
    public static Condition? Find(IEnumerable<Condition> conditions, string type) => conditions.FirstOrDefault(c => c.Type == type);

    /// <summary>Whether the condition is set and True.</summary>
    public static bool IsTrue(IEnumerable<Condition> conditions, string type) => Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>Removes the condition; returns whether it was there.</summary>
    public static bool Remove(List<Condition> conditions, string type) => conditions.RemoveAll(c => c.Type == type) > 0;
}
