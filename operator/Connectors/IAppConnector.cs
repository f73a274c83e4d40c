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

    /// <summary>
    /// Reads only the given members (a SCIM <c>userName eq</c> filter, a lookup by id or email), for a caller that keeps
    /// the app's state and needs to confirm a few members: every user asked gets an answer, the member or null when the
    /// app has none. Complete or it throws <see cref="ConnectorException"/>. Apps that cannot look members up one by one
    /// answer with a full read (<see cref="MemberRead.Whole"/>), the default.
    /// </summary>
    Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken) =>
        MemberReads.ByFullReadAsync(this, users, cancellationToken);

    /// <summary>
    /// Applies a change planned from a state the caller read and keeps current from its own writes: the connector may skip
    /// the reads that state already answered (e.g. Meta's lookup of a live invitation before inviting). A stale state
    /// only ever widens here (the caller confirms narrowing changes by a read first); a write the app refuses tells it.
    /// </summary>
    Task<ApplyResult> ApplyFromKnownStateAsync(AccessChange change, CancellationToken cancellationToken) => ApplyAsync(change, cancellationToken);

    /// <summary>Whether changes of different users may be sent at the same time (no shared resource such as a role group is written).</summary>
    bool WritesUsersIndependently => false;
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

/// <summary>A member to read by itself: the key (lower-case email), the email, and the member as the caller last saw it (null when absent then).</summary>
public sealed record MemberLookup(string Key, string Email, ActualMember? LastSeen);

/// <summary>
/// What a targeted read found: for every user asked, the member as the app has it now, or null when the app has none.
/// <paramref name="Whole"/> is the complete read when the connector could only answer by reading everything (then the
/// caller may keep it as the app's state).
/// </summary>
public sealed record MemberRead(IReadOnlyDictionary<string, ActualMember?> Members, ActualAccess? Whole);

/// <summary>The fallback of <see cref="IAppConnector.ReadMembersAsync"/>: a full read, answering for the users asked.</summary>
public static class MemberReads
{
    /// <summary>Reads the whole app and answers for <paramref name="users"/>.</summary>
    public static async Task<MemberRead> ByFullReadAsync(IAppConnector connector, IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken)
    {
        var whole = await connector.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Of(users, whole);
    }

    /// <summary>The answer for <paramref name="users"/> from a complete read.</summary>
    public static MemberRead Of(IReadOnlyCollection<MemberLookup> users, ActualAccess whole)
    {
        var found = new Dictionary<string, ActualMember?>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            found[user.Key] = whole.Members.GetValueOrDefault(user.Key);
        }

        return new MemberRead(found, whole);
    }
}
