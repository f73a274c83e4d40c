using Cerby.Operator.Planning;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>What a read of the app says about a pending change.</summary>
internal enum PendingVerdict
{
    /// <summary>The app shows the change took effect.</summary>
    Confirmed,

    /// <summary>The app does not show it: it did not take effect (it is planned again if still needed).</summary>
    NotApplied,

    /// <summary>An invite or add the app does not show yet, sent recently: a request held by the app may still land, so it stays pending (and managed).</summary>
    Undecided,
}

/// <summary>
/// Decides the pending changes of a hub's ledger (sent before a crash, or whose answer was lost) from the app as the sync
/// read it (the sync reads every member at its start, so each pending user's state is known without writing anything):
/// pure, no I/O.
/// </summary>
internal static class PendingResolution
{
    /// <summary>How long an unconfirmed invite or add stays pending: longer than any request can be held (attempt timeout 30 s).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public static PendingVerdict Decide(PendingChange pending, ActualAccess actual, DateTimeOffset now)
    {
        var member = actual.Members.GetValueOrDefault(pending.UserKey);
        var applied = pending.Kind switch
        {
            AccessChangeKind.Invite or AccessChangeKind.Add => member is { State: not MemberState.Suspended },
            AccessChangeKind.Remove or AccessChangeKind.CancelInvite => member is null,
            AccessChangeKind.Suspend => member is null or { State: MemberState.Suspended },
            _ => member is not null && string.Equals(member.NativeRole, pending.NativeRole, StringComparison.OrdinalIgnoreCase),
        };
        return applied ? PendingVerdict.Confirmed
            : pending.Grants && now - pending.Since < Grace ? PendingVerdict.Undecided
            : PendingVerdict.NotApplied;
    }

    /// <summary>What the Event and log of a decided change say.</summary>
    public static string Note(string hubKey, PendingChange pending, PendingVerdict verdict, ActualAccess actual)
    {
        var member = actual.Members.GetValueOrDefault(pending.UserKey);
        var shows = member is null ? "no such member" : $"{member.State.ToString().ToLowerInvariant()}{(member.NativeRole is null ? "" : $" with role {member.NativeRole}")}";
        var what = $"{pending.Email}: {pending.Kind}{(pending.NativeRole is null ? "" : $" ({pending.NativeRole})")} in hub {hubKey}, sent {pending.Since:u} before a restart or with its answer lost";
        return verdict == PendingVerdict.Confirmed
            ? $"{what}, is confirmed after restart by a read of the app ({shows})"
            : $"{what}, did not take effect: a read of the app shows {shows}; it is planned again if still needed";
    }
}
