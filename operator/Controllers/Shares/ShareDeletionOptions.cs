namespace Cerby.Operator.Controllers.Shares;

/// <summary>
/// How long a deleted TeamShare's finalizer waits for its hub to confirm that the access only the share justified is
/// gone. The access model drops a deleting share at once, so the hub removes that access whenever it can: the
/// finalizer only orders the share's disappearance after it. When the hub cannot act on the share's users (paused by
/// uncertainty they depend on, removals held for approval, app unreachable), holding the share forever would block
/// GitOps (a namespace or Application could never be deleted), so after <see cref="Grace"/> the finalizer is released
/// with a Warning Event on the hub naming what still waits; the hub's status (pendingPlan) keeps listing it.
/// </summary>
internal sealed record ShareDeletionOptions(TimeSpan Grace)
{
    /// <summary>The default: five minutes after the operator first saw the deletion.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(5);

    public ShareDeletionOptions()
        : this(DefaultGrace)
    {
    }
}
