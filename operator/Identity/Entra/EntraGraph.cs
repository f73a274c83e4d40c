using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// The read side of Microsoft Graph the operator needs: users, groups by id or display name, transitive members, the
/// enterprise app's role assignments, and delta rounds on users and groups. Lists follow <c>@odata.nextLink</c> to the
/// end (a link seen twice is an error, never a partial list); links are only followed on the configured Graph origin.
/// Every failure becomes an <see cref="EntraApiException"/> whose message names the call and status, never a secret.
/// </summary>
internal sealed partial class EntraGraph(GraphServiceClient graph, Uri baseUrl, EntraCredentials credentials, EntraTokenProvider tokens, EntraRetryPolicy policy, EntraBudgetWatch budget, IReadOnlyList<IDisposable> owned) : IDisposable
{
    public const int PageSize = 999;

    /// <summary>The user properties read everywhere: identity, sign-in state and the profile attributes mappings may name.</summary>
    public static readonly string[] UserFields =
    [
        "id", "userPrincipalName", "mail", "accountEnabled", "displayName", "givenName", "surname", "department", "jobTitle",
        "employeeId", "employeeType", "companyName", "officeLocation", "city", "country", "mobilePhone",
    ];

    public static readonly string[] GroupDeltaFields = ["id", "displayName", "members"];

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>What Graph's answers said of the budget, and the resource units spent.</summary>
    public EntraBudgetWatch Budget { get; } = budget;

    /// <summary>Every user, each mapped as its page arrives: 100,000 users are never held as Graph model objects at once.</summary>
    public Task<List<TUser>> ListUsersAsync<TUser>(Func<User, TUser> map, CancellationToken cancellationToken) => ListAsync(
        "GET /users",
        () => graph.Users.GetAsync(rc => { rc.QueryParameters.Select = UserFields; rc.QueryParameters.Top = PageSize; }, cancellationToken),
        next => graph.Users.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
        page => page.Value,
        page => page.OdataNextLink,
        map);

    /// <summary>GET /users/{id}; null when there is no such user (deleted).</summary>
    public async Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync($"GET /users/{userId}", () => graph.Users[userId].GetAsync(rc => rc.QueryParameters.Select = UserFields, cancellationToken));
        }
        catch (EntraApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The ids of the groups the user is in at any depth (<c>GET /users/{id}/transitiveMemberOf/microsoft.graph.group</c>):
    /// one call where reading a group's members would take a page per 999; empty when there is no such user (deleted).
    /// </summary>
    public async Task<IReadOnlySet<string>> ListGroupIdsOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var groups = await ListAsync(
                $"GET /users/{userId}/transitiveMemberOf/microsoft.graph.group",
                () => graph.Users[userId].TransitiveMemberOf.GraphGroup.GetAsync(rc => { rc.QueryParameters.Select = ["id"]; rc.QueryParameters.Top = PageSize; }, cancellationToken),
                next => graph.Users[userId].TransitiveMemberOf.GraphGroup.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
                page => page.Value,
                page => page.OdataNextLink);
            return groups.Select(g => g.Id).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (EntraApiException e) when (e.IsNotFound)
        {
            return new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>GET /groups/{id}; null when there is no such group.</summary>
    public async Task<Group?> GetGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync($"GET /groups/{groupId}", () => graph.Groups[groupId].GetAsync(rc => rc.QueryParameters.Select = ["id", "displayName"], cancellationToken));
        }
        catch (EntraApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Groups whose display name is exactly <paramref name="name"/>: <c>$filter=displayName eq '…'</c>.</summary>
    public async Task<IReadOnlyList<Group>> FindGroupsByNameAsync(string name, CancellationToken cancellationToken)
    {
        var filter = $"displayName eq '{name.Replace("'", "''", StringComparison.Ordinal)}'";
        var groups = await ListAsync(
            $"GET /groups?$filter=displayName eq '{name}'",
            () => graph.Groups.GetAsync(rc => { rc.QueryParameters.Filter = filter; rc.QueryParameters.Select = ["id", "displayName"]; rc.QueryParameters.Top = PageSize; }, cancellationToken),
            next => graph.Groups.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
            page => page.Value,
            page => page.OdataNextLink);
        return groups.Where(g => string.Equals(g.DisplayName, name, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The users among the group's transitive members (nested groups flattened).</summary>
    public Task<List<User>> ListTransitiveUsersAsync(string groupId, CancellationToken cancellationToken) => ListAsync(
        $"GET /groups/{groupId}/transitiveMembers/microsoft.graph.user",
        () => graph.Groups[groupId].TransitiveMembers.GraphUser.GetAsync(rc => { rc.QueryParameters.Select = UserFields; rc.QueryParameters.Top = PageSize; }, cancellationToken),
        next => graph.Groups[groupId].TransitiveMembers.GraphUser.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
        page => page.Value,
        page => page.OdataNextLink);

    /// <summary>The ids of the groups nested in the group, at any depth: their membership changes are the group's too.</summary>
    public async Task<IReadOnlyList<string>> ListNestedGroupIdsAsync(string groupId, CancellationToken cancellationToken)
    {
        var groups = await ListAsync(
            $"GET /groups/{groupId}/transitiveMembers/microsoft.graph.group",
            () => graph.Groups[groupId].TransitiveMembers.GraphGroup.GetAsync(rc => { rc.QueryParameters.Select = ["id"]; rc.QueryParameters.Top = PageSize; }, cancellationToken),
            next => graph.Groups[groupId].TransitiveMembers.GraphGroup.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
            page => page.Value,
            page => page.OdataNextLink);
        return groups.Select(g => g.Id).OfType<string>().ToList();
    }

    /// <summary>The enterprise app's roles (id → value), from GET /servicePrincipals/{id}?$select=appRoles.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> GetAppRolesAsync(string servicePrincipalId, CancellationToken cancellationToken)
    {
        var principal = await CallAsync($"GET /servicePrincipals/{servicePrincipalId}",
            () => graph.ServicePrincipals[servicePrincipalId].GetAsync(rc => rc.QueryParameters.Select = ["id", "appRoles"], cancellationToken));
        return (principal?.AppRoles ?? []).Where(r => r.Id is not null && r.Value is { Length: > 0 }).ToDictionary(r => r.Id!.Value, r => r.Value!);
    }

    /// <summary>GET /servicePrincipals/{id}/appRoleAssignedTo: the users and groups assigned to the enterprise app.</summary>
    public Task<List<AppRoleAssignment>> ListAppRoleAssignedToAsync(string servicePrincipalId, CancellationToken cancellationToken) => ListAsync(
        $"GET /servicePrincipals/{servicePrincipalId}/appRoleAssignedTo",
        () => graph.ServicePrincipals[servicePrincipalId].AppRoleAssignedTo.GetAsync(rc => rc.QueryParameters.Top = PageSize, cancellationToken),
        next => graph.ServicePrincipals[servicePrincipalId].AppRoleAssignedTo.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
        page => page.Value,
        page => page.OdataNextLink);

    /// <summary>Whether a stored link points at this client's Graph endpoint (tokens are never sent elsewhere).</summary>
    public bool IsOwnLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && Uri.Compare(uri, BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && uri.AbsolutePath.StartsWith(BaseUrl.AbsolutePath, StringComparison.OrdinalIgnoreCase);

    public void Dispose()
    {
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }
    }

    private Task<List<TItem>> ListAsync<TPage, TItem>(string what, Func<Task<TPage?>> first, Func<string, Task<TPage?>> next,
        Func<TPage, List<TItem>?> items, Func<TPage, string?> nextLink)
        where TPage : class =>
        ListAsync(what, first, next, items, nextLink, item => item);

    /// <summary>Every page of a list, each item mapped as its page arrives (the page's model objects do not outlive it).</summary>
    private async Task<List<TResult>> ListAsync<TPage, TItem, TResult>(string what, Func<Task<TPage?>> first, Func<string, Task<TPage?>> next,
        Func<TPage, List<TItem>?> items, Func<TPage, string?> nextLink, Func<TItem, TResult> map)
        where TPage : class
    {
        var all = new List<TResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = await CallAsync(what, first);
        while (true)
        {
            if (page is null)
            {
                throw new EntraApiException($"Microsoft Graph answered {what} without a body");
            }

            foreach (var item in items(page) ?? [])
            {
                all.Add(map(item));
            }

            if (nextLink(page) is not { Length: > 0 } link)
            {
                return all;
            }

            if (!seen.Add(link))
            {
                throw new EntraApiException($"Microsoft Graph's next link for {what} came back to a page already read; the list is not trusted");
            }

            if (seen.Count > policy.MaxPages || !IsOwnLink(link))
            {
                throw new EntraApiException($"Microsoft Graph's list {what} went past {policy.MaxPages} pages or to another origin; the list is not trusted");
            }

            page = await CallAsync(what, () => next(link));
        }
    }

    /// <summary>
    /// Runs one Graph call and turns every failure but the caller's cancellation into an <see cref="EntraApiException"/>.
    /// A 401 drops the cached token and tries once more with a fresh one (the token may have been revoked early).
    /// </summary>
    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ODataError e) when (e.ResponseStatusCode == (int)HttpStatusCode.Unauthorized && attempt == 1)
            {
                tokens.Invalidate();
            }
            catch (Exception e) when (Translate(what, e) is { } translated)
            {
                if (e is ODataError { ResponseStatusCode: (int)HttpStatusCode.Unauthorized })
                {
                    tokens.Invalidate();
                }

                throw translated;
            }
        }
    }

    /// <summary>The <see cref="EntraApiException"/> for a failed call; null for what is not a Graph failure (cancellation, bugs).</summary>
    private EntraApiException? Translate(string what, Exception failure) => failure switch
    {
        EntraApiException e => e,
        ODataError e => new EntraApiException(
            credentials.Redact($"Microsoft Graph answered {e.ResponseStatusCode} {e.Error?.Code} to {what}: {e.Error?.Message}".TrimEnd(' ', ':')),
            (HttpStatusCode)e.ResponseStatusCode, e.Error?.Code, e),
        ApiException e => new EntraApiException($"Microsoft Graph answered {e.ResponseStatusCode} to {what}", (HttpStatusCode)e.ResponseStatusCode, null, e),
        HttpRequestException e => new EntraApiException($"no answer from Microsoft Graph to {what}: {e.Message}", inner: e),

        // A gateway's HTML page or a cut-off body: Kiota has no parser for it, or the JSON does not parse.
        System.Text.Json.JsonException or InvalidOperationException or FormatException =>
            new EntraApiException($"Microsoft Graph's answer to {what} could not be read: {failure.Message}", inner: failure),
        _ => null,
    };
}
