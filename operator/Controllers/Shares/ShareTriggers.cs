using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>
/// Which hub changes a share's reconcile must see. A live share shows of its hub only whether it exists and whether it
/// is Ready (with the hub's message when it is not); the users it grants come from the hub's sync through
/// <see cref="ShareGrantBoard"/>. So a hub status write that changes neither (members, drift, lastSyncTime, …) does not
/// reconcile the hub's shares. A deleted share's finalizer waits on the hub's sync, so it sees every hub change.
/// </summary>
internal static class ShareTriggers
{
    /// <summary>Whether the change is one a live share of the hub shows: an add, a delete, deletion starting, or another Ready.</summary>
    public static bool ShownToShares(InformerEvent<BusinessHub> change) =>
        change is not { Type: InformerEventType.Updated, Previous: { } previous }
        || ReferenceEquals(previous, change.Object)
        || Shown(previous) != Shown(change.Object);

    private static (bool Deleting, ConditionStatus? Ready, string? Message) Shown(BusinessHub hub)
    {
        var ready = Conditions.Find(hub.Status?.Conditions ?? [], ConditionTypes.Ready);
        return (hub.Metadata.DeletionTimestamp is not null, ready?.Status, ready is { Status: not ConditionStatus.True } ? ready.Message : null);
    }
}
