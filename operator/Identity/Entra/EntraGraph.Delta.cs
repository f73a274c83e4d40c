using Microsoft.Graph.Models;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// Delta rounds on users and groups: from a delta link, every page (<c>@odata.nextLink</c>) to the next
/// <c>@odata.deltaLink</c>; a round that loops or ends without a delta link is an error, never a partial round.
/// </summary>
internal sealed partial class EntraGraph
{
    /// <summary>A delta link for users from now on (<c>$deltatoken=latest</c>): changes after this call.</summary>
    public async Task<string> LatestUsersDeltaLinkAsync(CancellationToken cancellationToken) =>
        (await ReadUsersDeltaAsync($"{BaseUrl.AbsoluteUri}/users/delta?$select={string.Join(',', UserFields)}&$deltatoken=latest", cancellationToken)).DeltaLink;

    /// <summary>A delta link for groups and their members from now on.</summary>
    public async Task<string> LatestGroupsDeltaLinkAsync(CancellationToken cancellationToken) =>
        (await ReadGroupsDeltaAsync($"{BaseUrl.AbsoluteUri}/groups/delta?$select={string.Join(',', GroupDeltaFields)}&$deltatoken=latest", cancellationToken)).DeltaLink;

    /// <summary>One delta round on users from <paramref name="link"/>: every page to the next delta link.</summary>
    public Task<DeltaRound<User>> ReadUsersDeltaAsync(string link, CancellationToken cancellationToken) => DeltaAsync(
        "GET /users/delta", link,
        url => graph.Users.Delta.WithUrl(url).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken),
        page => (page.Value, page.OdataNextLink, page.OdataDeltaLink));

    /// <summary>One delta round on groups (with <c>members@delta</c>) from <paramref name="link"/>.</summary>
    public Task<DeltaRound<Group>> ReadGroupsDeltaAsync(string link, CancellationToken cancellationToken) => DeltaAsync(
        "GET /groups/delta", link,
        url => graph.Groups.Delta.WithUrl(url).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken),
        page => (page.Value, page.OdataNextLink, page.OdataDeltaLink));

    private async Task<DeltaRound<T>> DeltaAsync<TPage, T>(string what, string link, Func<string, Task<TPage?>> get, Func<TPage, (List<T>? Items, string? Next, string? Delta)> parts)
        where TPage : class
    {
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var url = link; ;)
        {
            if (!IsOwnLink(url))
            {
                throw new EntraApiException($"a delta or next link for another origin is not followed ({what})");
            }

            var page = await CallAsync(what, () => get(url)) ?? throw new EntraApiException($"Microsoft Graph answered {what} without a body");
            var (pageItems, next, delta) = parts(page);
            items.AddRange(pageItems ?? []);
            if (next is null)
            {
                return delta is { Length: > 0 }
                    ? new DeltaRound<T>(items, delta)
                    : throw new EntraApiException($"Microsoft Graph ended a {what} round without a delta link");
            }

            if (!seen.Add(next) || seen.Count > policy.MaxPages)
            {
                throw new EntraApiException($"Microsoft Graph's next link for {what} came back to a page already read or ran past {policy.MaxPages} pages; the round is not trusted");
            }

            url = next;
        }
    }
}

/// <summary>Everything one delta round returned, in order, and the delta link to continue from.</summary>
internal sealed record DeltaRound<T>(IReadOnlyList<T> Items, string DeltaLink);
