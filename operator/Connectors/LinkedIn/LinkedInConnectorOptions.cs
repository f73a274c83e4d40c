using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>What a LinkedIn connector needs besides its HTTP client.</summary>
/// <param name="Hub">The hub's key, as <see cref="Planning.ActualAccess.Hub"/> names it.</param>
/// <param name="AdAccountId">The numeric ad account id (the sponsoredAccount URN's last part).</param>
/// <param name="People">Who is who: the person URN of each email the hub may seat, and back.</param>
internal sealed record LinkedInConnectorOptions(string Hub, string AdAccountId, ILinkedInPeople People)
{
    /// <summary>The <c>LinkedIn-Version</c> header (YYYYMM); each version is served for at least a year.</summary>
    public string Version { get; init; } = "202603";

    /// <summary>The <c>count</c> asked of each page (index paging, <c>start</c>/<c>count</c>).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>A list longer than this many pages is taken as a page loop.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>Retry bounds for brief throttling and 5xx; a spent daily quota is never retried (it resets at 00:00 UTC).</summary>
    public EdgePolicy Retry { get; init; } = EdgePolicy.Default;

    /// <summary>The options a hub's <c>spec.connector.linkedIn</c> settings give.</summary>
    public static LinkedInConnectorOptions Of(string hub, Resources.LinkedInSettings settings) =>
        new(hub, settings.AdAccountId, new DeclaredLinkedInPeople(settings.People.Select(p => (p.Email, p.PersonUrn)))) { Version = settings.Version };

    /// <summary>The ad account's URN.</summary>
    public string AccountUrn => LinkedInUrns.SponsoredAccount(AdAccountId);
}
