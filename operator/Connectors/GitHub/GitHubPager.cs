using System.Text.Json;
using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>
/// Reads a whole page-numbered list (REST pagination guide): asks for <c>per_page</c> items and follows the Link
/// header's <c>rel="next"</c> until there is none. Complete or it throws: a page that is not a JSON array, a next link
/// off the hub's base URL (the token would follow it), a page asked twice, a login on two pages, or too many pages
/// are <see cref="ConnectorErrorKind.InvalidResponse"/>.
/// </summary>
internal sealed class GitHubPager(GitHubClient client, GitHubConnectorOptions options)
{
    /// <summary>Every item of <paramref name="relative"/> (path and query under the base URL); a 404 list is an error.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadAllAsync(string relative, CallTally calls, CancellationToken cancellationToken)
    {
        var what = "/" + relative.Split('?')[0];
        var guard = new PageGuard($"GitHub {what}", options.MaxPages);
        var items = new List<JsonElement>();
        var url = new Uri(client.BaseAddress, $"{relative}{(relative.Contains('?', StringComparison.Ordinal) ? '&' : '?')}per_page={options.PageSize}");
        while (true)
        {
            guard.BeginPage(url.PathAndQuery);
            var (body, link) = await client.GetAsync($"GET {what}", url, calls, cancellationToken).ConfigureAwait(false);
            if (body is not { ValueKind: JsonValueKind.Array } page)
            {
                throw body is null
                    ? new ConnectorException(ConnectorErrorKind.Rejected, $"GitHub answered GET {what} with 404: the organization or team does not exist or the token cannot see it", 404)
                    : guard.Invalid("a page is not a JSON array");
            }

            foreach (var item in page.EnumerateArray())
            {
                guard.AddItem(GitHubJson.Login(item, what));
                items.Add(item);
            }

            var next = GitHubLinkHeader.Next(link);
            if (next is null)
            {
                return items;
            }

            if (!Uri.TryCreate(next, UriKind.Absolute, out var nextUrl) || !client.BaseAddress.IsBaseOf(nextUrl))
            {
                throw guard.Invalid("the next-page link leaves the hub's base URL");
            }

            url = nextUrl;
        }
    }
}
