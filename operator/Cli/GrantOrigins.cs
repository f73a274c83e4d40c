using Cerby.Operator.Planning;

namespace Cerby.Operator.Cli;

/// <summary>
/// What a planner <see cref="Grant"/> comes from, as the commands need it: the TeamShare, or the IdentityProvider of an
/// app assignment. The one place that reads <see cref="Grant.Origin"/>.
/// </summary>
internal static class GrantOrigins
{
    /// <summary>namespace/name of the TeamShare behind a team or individual grant; null for an app assignment.</summary>
    public static string? ShareKey(Grant grant) =>
        grant.Source != GrantSource.AppAssignment && grant.Origin.Kind == GrantOriginKind.TeamShare ? grant.Origin.Key : null;

    /// <summary>namespace/name of the IdentityProvider behind an app assignment; null for a share.</summary>
    public static string? IdentityProviderKey(Grant grant) =>
        grant.Source == GrantSource.AppAssignment && grant.Origin.Kind == GrantOriginKind.AppIntegration ? grant.Origin.Key : null;
}
