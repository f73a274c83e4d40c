namespace Cerby.Operator.Planning;

/// <summary>A user who should have access to a hub, with every grant that says so.</summary>
/// <param name="Key">Match key (lower-case email).</param>
/// <param name="Attributes">App attributes the IdLCM mappings want; a null value means the attribute should be empty.</param>
public sealed record DesiredMember(
    string Key,
    string Email,
    string IdpUserId,
    IReadOnlyList<Grant> Grants,
    IReadOnlyDictionary<string, string?> Attributes);

/// <summary>
/// Who should have access to one hub, and what the operator cannot know: a hub fed by a team whose membership is
/// unknown lists that in <see cref="Uncertainties"/>, and then no member loses access on this sync.
/// </summary>
/// <param name="Members">Desired members by key.</param>
/// <param name="Inactive">Users known to the IdP but not active, by key, with the reason ("SUSPENDED in IdentityProvider okta").</param>
/// <param name="Uncertainties">Why some access cannot be known (unknown team, unreadable IdP); empty when everything is known.</param>
/// <param name="Stale">Sources read completely once but not recently (IdpStale); their last-known members still count, and they are listed in <see cref="Uncertainties"/> too, so nobody loses access meanwhile.</param>
public sealed record DesiredAccess(
    string Hub,
    IReadOnlyDictionary<string, DesiredMember> Members,
    IReadOnlyDictionary<string, string> Inactive,
    IReadOnlyList<string> Uncertainties,
    IReadOnlyList<string> Stale);
