using Cerby.Operator.Resources;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>Everything a share's reconcile decides from, gathered by <see cref="TeamShareReconciler"/>.</summary>
/// <param name="Share">The share; null when it does not exist.</param>
/// <param name="Hub">Its hub; null when it does not exist.</param>
/// <param name="ShareKey">"namespace/name".</param>
/// <param name="Problems">The validator's problems with the share ("field: message").</param>
/// <param name="ProblemsFresh">False when <paramref name="Problems"/> may miss a recent change (read again shortly).</param>
/// <param name="Granted">The users the share grants as its hub's latest sync computed them; null when the hub has not synced since this process started.</param>
/// <param name="DeletionSeen">When this process first saw the share deleting (deleting shares only).</param>
/// <param name="FormerUsers">The users it granted when last reconciled alive; null when not known (after a restart).</param>
/// <param name="WaitingUsers">Those of <paramref name="FormerUsers"/> whose narrowing the hub must withhold now.</param>
/// <param name="Grace">How long a deleted share waits for its hub (<see cref="ShareDeletionOptions.Grace"/>).</param>
/// <param name="ExpiryWarning">How long before its expiry a share warns (<see cref="ShareExpiryOptions.Warning"/>).</param>
/// <param name="WarnedExpiry">The expiry this process last warned about for the share; null when none.</param>
internal sealed record TeamShareInputs(
    TeamShare? Share,
    BusinessHub? Hub,
    string ShareKey,
    IReadOnlyList<string>? Problems = null,
    bool ProblemsFresh = true,
    IReadOnlyList<string>? Granted = null,
    DateTimeOffset DeletionSeen = default,
    IReadOnlyList<string>? FormerUsers = null,
    IReadOnlyList<string>? WaitingUsers = null,
    TimeSpan Grace = default,
    TimeSpan ExpiryWarning = default,
    DateTimeOffset? WarnedExpiry = null);
