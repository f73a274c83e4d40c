using System.Net.Http.Json;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// The read side of the Okta Management API the operator needs: groups, group members, users, app assignments and the
/// System Log. Lists follow <c>Link: rel="next"</c> to the end; a next link seen twice is an error, never a partial list.
/// </summary>
internal sealed class OktaClient(HttpClient http, OktaSender sender, OktaRetryPolicy policy)
{
    public const int PageSize = 200;

    /// <summary>Group members come 1,000 to a page: Okta's default for that endpoint (user lists stop at 200).</summary>
    public const int GroupMembersPageSize = 1000;

    /// <summary>The org URL every path is resolved against.</summary>
    public Uri Org { get; } = http.BaseAddress ?? throw new ArgumentException("the HttpClient needs the org URL as BaseAddress", nameof(http));

    /// <summary>GET /api/v1/groups/{id}; null when Okta answers 404 E0000007.</summary>
    public async Task<OktaGroup?> GetGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<OktaGroup>($"/api/v1/groups/{Uri.EscapeDataString(groupId)}", cancellationToken);
        }
        catch (OktaApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Groups whose name is exactly <paramref name="name"/>: <c>search=profile.name eq "…"</c>.</summary>
    public async Task<IReadOnlyList<OktaGroup>> FindGroupsByNameAsync(string name, CancellationToken cancellationToken)
    {
        var search = $"profile.name eq \"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        var groups = await ListAsync<OktaGroup>($"/api/v1/groups?search={Uri.EscapeDataString(search)}&limit={PageSize}", cancellationToken);
        return groups.Where(g => string.Equals(g.Profile?.Name, name, StringComparison.Ordinal)).ToList();
    }

    /// <summary>GET /api/v1/groups/{id}/users: the group's direct members, every status.</summary>
    public Task<IReadOnlyList<OktaUser>> ListGroupMembersAsync(string groupId, CancellationToken cancellationToken) =>
        ListGroupMembersAsync(groupId, user => user, cancellationToken);

    /// <summary>The group's direct members, each mapped as its page arrives (the wire objects of a page do not outlive it).</summary>
    public Task<IReadOnlyList<TUser>> ListGroupMembersAsync<TUser>(string groupId, Func<OktaUser, TUser> map, CancellationToken cancellationToken) =>
        ListAsync($"/api/v1/groups/{Uri.EscapeDataString(groupId)}/users?limit={GroupMembersPageSize}", map, cancellationToken);

    /// <summary>
    /// Every user of the org, each mapped as its page arrives: 100,000 users are never held as wire objects (JSON
    /// profiles) at once. A plain list leaves DEPROVISIONED users out, so they are searched for explicitly
    /// (<c>search=status eq "DEPROVISIONED"</c>).
    /// </summary>
    public async Task<IReadOnlyList<TUser>> ListUsersAsync<TUser>(Func<OktaUser, TUser> map, Func<TUser, string> idOf, CancellationToken cancellationToken)
    {
        var listed = await ListAsync($"/api/v1/users?limit={PageSize}", map, cancellationToken);
        var deactivated = await ListAsync($"/api/v1/users?search={Uri.EscapeDataString("status eq \"DEPROVISIONED\"")}&limit={PageSize}", map, cancellationToken);
        return listed.Concat(deactivated).DistinctBy(idOf, StringComparer.Ordinal).ToList();
    }

    /// <summary>GET /api/v1/users/{id}; null when the user was deleted (404 E0000007).</summary>
    public async Task<OktaUser?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<OktaUser>($"/api/v1/users/{Uri.EscapeDataString(userId)}", cancellationToken);
        }
        catch (OktaApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>GET /api/v1/apps/{appId}/users: every assigned user with scope (USER or GROUP) and app-user profile.</summary>
    public Task<IReadOnlyList<OktaAppUser>> ListAppUsersAsync(string appId, CancellationToken cancellationToken) =>
        ListAsync<OktaAppUser>($"/api/v1/apps/{Uri.EscapeDataString(appId)}/users?limit={PageSize}", cancellationToken);

    /// <summary>GET /api/v1/apps/{appId}/groups?expand=group: the assigned groups with their assignment profile.</summary>
    public Task<IReadOnlyList<OktaAppGroup>> ListAppGroupsAsync(string appId, CancellationToken cancellationToken) =>
        ListAsync<OktaAppGroup>($"/api/v1/apps/{Uri.EscapeDataString(appId)}/groups?expand=group&limit={PageSize}", cancellationToken);

    /// <summary>The groups family's budget (group lookups and members) as the last answer stated it; null before any.</summary>
    public RateBudget? GroupsBudget => sender.Budget(new Uri(Org, "/api/v1/groups"));

    /// <summary>The System Log family's rate-limit window as Okta last stated it; null before the first answer.</summary>
    public RateBudget? LogBudget => sender.Budget(new Uri(Org, "/api/v1/logs"));

    /// <summary>One page of the System Log and its next link (always present while polling).</summary>
    public async Task<(IReadOnlyList<OktaLogEvent> Events, Uri? Next)> GetLogPageAsync(Uri page, CancellationToken cancellationToken)
    {
        using var response = await sender.GetAsync(Resolve(page), cancellationToken);
        var events = await ReadAsync<List<OktaLogEvent>>(response, page, cancellationToken);
        return (events, OktaLinkHeader.Next(response, Org));
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        var uri = new Uri(Org, path);
        using var response = await sender.GetAsync(uri, cancellationToken);
        return await ReadAsync<T>(response, uri, cancellationToken);
    }

    private Task<IReadOnlyList<T>> ListAsync<T>(string path, CancellationToken cancellationToken) => ListAsync<T, T>(path, item => item, cancellationToken);

    /// <summary>Every page of a list, each item mapped as its page arrives.</summary>
    private async Task<IReadOnlyList<TResult>> ListAsync<T, TResult>(string path, Func<T, TResult> map, CancellationToken cancellationToken)
    {
        var items = new List<TResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Uri? next = new(Org, path); next is not null;)
        {
            if (!seen.Add(next.AbsoluteUri))
            {
                throw new OktaApiException($"Okta's next link for {new Uri(Org, path).AbsolutePath} came back to a page already read; the list is not trusted");
            }

            if (seen.Count > policy.MaxPages)
            {
                throw new OktaApiException($"Okta's list {new Uri(Org, path).AbsolutePath} went past {policy.MaxPages} pages; the list is not trusted");
            }

            using var response = await sender.GetAsync(next, cancellationToken);
            foreach (var item in await ReadAsync<List<T>>(response, next, cancellationToken))
            {
                items.Add(map(item));
            }

            next = OktaLinkHeader.Next(response, Org);
        }

        return items;
    }

    private Uri Resolve(Uri uri)
    {
        var absolute = uri.IsAbsoluteUri ? uri : new Uri(Org, uri);
        return Uri.Compare(absolute, Org, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? absolute
            : throw new OktaApiException($"a System Log cursor for another origin ({absolute.GetLeftPart(UriPartial.Authority)}) is not followed");
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(OktaJson.Options, cancellationToken)
                ?? throw new OktaApiException($"Okta answered GET {uri.AbsolutePath} with null");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new OktaApiException($"Okta's answer to GET {uri.AbsolutePath} is not the expected JSON: {e.Message}", inner: e);
        }
    }
}
