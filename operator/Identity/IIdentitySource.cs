using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Identity;

/// <summary>
/// One identity provider as the operator's watcher sees it: an Okta org, an Entra tenant, or the inbound SCIM store the
/// IdP pushes to. The watcher calls <see cref="ReadAsync"/> for a full read (at start and every resync interval), and
/// between full reads waits with <see cref="WaitForChangesAsync"/>, then calls <see cref="PollAsync"/> for what changed.
/// One caller at a time: a source may keep cursors (System Log, delta links) as its own state.
/// </summary>
internal interface IIdentitySource : IAsyncDisposable
{
    /// <summary>
    /// Reads everything: users (inactive ones too), the bound groups with their members, and the app integration's
    /// assignments. A part that could not be read is marked unknown in the result (with its problem), never left empty;
    /// only cancellation throws. Resets incremental cursors to the moment of the read.
    /// </summary>
    Task<IdentityRead> ReadAsync(IReadOnlyList<IdpGroupReference> boundGroups, CancellationToken cancellationToken);

    /// <summary>
    /// What changed since the last read or poll, given the directory as the caller holds it (its groups are the ones
    /// tracked). Returns an empty update when nothing changed. Throws <see cref="IdentitySourceException"/> when the IdP
    /// could not be asked (the caller keeps the last-known state, which turns stale after a while); a failed poll is
    /// repeated, never lost.
    /// </summary>
    Task<IdentityUpdate> PollAsync(IdpDirectory current, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until it is worth polling: the poll interval elapsed (on the source's <see cref="TimeProvider"/>), or a change
    /// was pushed (an Okta Event Hook delivery, a SCIM request), whichever comes first.
    /// </summary>
    Task WaitForChangesAsync(CancellationToken cancellationToken);
}

/// <summary>The IdP could not be asked (connection refused, 401/403, 5xx, throttled past the retry budget).</summary>
/// <remarks>The message never holds credentials: it names the IdP, the call and the HTTP status.</remarks>
internal sealed class IdentitySourceException(string message, Exception? inner = null) : Exception(message, inner);
