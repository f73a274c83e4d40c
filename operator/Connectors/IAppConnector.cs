using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors;

/// <summary>
/// The app side of a business hub: read who the app has, and apply one planned change. Implementations are thin
/// protocol adapters; every decision was made by the planner.
/// </summary>
public interface IAppConnector
{
    /// <summary>
    /// Reads the app's complete membership (members, native roles, pending invites, assets, attributes), page by page.
    /// Complete or it throws <see cref="ConnectorException"/>: a partial list is never returned as the whole.
    /// <see cref="ActualMember.Managed"/> is true where the app itself shows the operator created the member; the
    /// reconciler may add what it knows from its own records.
    /// </summary>
    Task<ActualAccess> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies one change idempotently: applying it twice is harmless, and an add for a user who already exists
    /// becomes a no-op or a role update. At most one write call per change, besides reads it cannot avoid.
    /// Throws <see cref="ConnectorException"/> when the app refuses or cannot be reached.
    /// </summary>
    Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken);
}

/// <summary>What applying a change did, for the Event the reconciler writes.</summary>
/// <param name="Outcome">Applied, or already in place (nothing written).</param>
/// <param name="Detail">One readable line, e.g. "PATCH /Users/2819c223 roles=[editor]".</param>
/// <param name="Calls">HTTP calls made, reads included.</param>
public sealed record ApplyResult(ApplyOutcome Outcome, string Detail, int Calls);

/// <summary>Whether a change needed a write.</summary>
public enum ApplyOutcome
{
    /// <summary>The app was changed.</summary>
    Applied,

    /// <summary>The app already had it; nothing was written.</summary>
    AlreadyInPlace,
}
