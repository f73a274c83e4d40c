namespace Cerby.Operator.Controllers;

/// <summary>An Event a decision asks for, recorded by the act step on the object it names (best-effort).</summary>
/// <param name="Warning">Warning, or Normal.</param>
/// <param name="Reason">One of <see cref="Vocabulary.EventReasons"/>.</param>
/// <param name="Action">What the operator did or tried ("Sync", "Hold", "Watch", …).</param>
internal sealed record EventToRecord(bool Warning, string Reason, string Action, string Note)
{
    public static EventToRecord Warn(string reason, string action, string note) => new(true, reason, action, note);

    public static EventToRecord Normal(string reason, string action, string note) => new(false, reason, action, note);
}
