namespace Cerby.Operator.Planning;

/// <summary>What kind of resource justifies a grant.</summary>
public enum GrantOriginKind
{
    /// <summary>A TeamShare (with a team or with one user).</summary>
    TeamShare,

    /// <summary>An assignment of an IdentityProvider's app integration (IdLCM).</summary>
    AppIntegration,
}

/// <summary>The resource that justifies a grant, typed: compared as data, printed for people.</summary>
/// <param name="Key">namespace/name of the TeamShare or the IdentityProvider.</param>
/// <param name="App">The app id of an app integration; null for a share.</param>
public sealed record GrantOrigin(GrantOriginKind Kind, string Key, string? App = null)
{
    /// <summary>The origin of the grants of a TeamShare.</summary>
    public static GrantOrigin Share(string shareKey) => new(GrantOriginKind.TeamShare, shareKey);

    /// <summary>The origin of the grants of an IdentityProvider's app integration.</summary>
    public static GrantOrigin Integration(string idpKey, string appId) => new(GrantOriginKind.AppIntegration, idpKey, appId);

    /// <summary>"TeamShare default/mkt-editors" or "IdentityProvider default/okta app 0oa1".</summary>
    public override string ToString() => Kind == GrantOriginKind.TeamShare ? $"TeamShare {Key}" : $"IdentityProvider {Key} app {App}";

    /// <summary>
    /// Compares two origins as <see cref="string.CompareOrdinal(string, string)"/> compares their <see cref="ToString"/>
    /// texts, without printing a share's: a plan orders the grants of every member who holds several this way.
    /// </summary>
    internal static int CompareAsPrinted(GrantOrigin a, GrantOrigin b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind == GrantOriginKind.AppIntegration ? -1 : 1; // "IdentityProvider …" sorts before "TeamShare …"
        }

        return a.Kind == GrantOriginKind.TeamShare
            ? string.CompareOrdinal(a.Key, b.Key) // same prefix "TeamShare "
            : string.CompareOrdinal(a.ToString(), b.ToString()); // a member of several app integrations: rare
    }
}
