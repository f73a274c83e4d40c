using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>Where a grant comes from.</summary>
public enum GrantSource
{
    /// <summary>A TeamShare whose subject is a team the user belongs to.</summary>
    Team,

    /// <summary>A TeamShare whose subject is the user alone.</summary>
    Individual,

    /// <summary>An assignment of the IdP app integration (IdLCM), direct or through a group.</summary>
    AppAssignment,
}

/// <summary>An asset a grant includes, with the hub role whose tasks apply to it.</summary>
public sealed record AssetGrant(AssetKind Kind, string Id, string Role);

/// <summary>
/// One reason a user should have access to a hub: the role and assets, and what justifies it. A grant is shared by
/// every member of the team it comes from, so it names the team, never the user.
/// </summary>
/// <param name="Role">The hub role granted.</param>
/// <param name="Source">Team share, individual share or app assignment.</param>
/// <param name="Origin">The resource that justifies it (prints as "TeamShare default/mkt-editors" or "IdentityProvider default/okta app 0oa1").</param>
/// <param name="Via">The team, or the group of a group assignment; null for direct ones.</param>
/// <param name="Assets">Assets shared along.</param>
public sealed record Grant(string Role, GrantSource Source, GrantOrigin Origin, string? Via, IReadOnlyList<AssetGrant> Assets)
{
    /// <summary>How a reason names this grant, e.g. "team marketing-editors (TeamShare default/mkt)".</summary>
    public string Describe() => Source switch
    {
        GrantSource.Team => $"team {Via} ({Origin})",
        GrantSource.Individual => $"individual share ({Origin})",
        _ => Via is null ? $"app assignment ({Origin})" : $"app assignment via group {Via} ({Origin})",
    };
}
