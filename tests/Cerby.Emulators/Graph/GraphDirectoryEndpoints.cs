using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Graph;

/// <summary>
/// The directory reads: <c>/users</c>, <c>/users/{id}</c>, <c>/groups</c> (with <c>$filter=displayName eq '…'</c>),
/// <c>/groups/{id}</c>, <c>/groups/{id}/members</c> and <c>/transitiveMembers</c> (with the <c>microsoft.graph.user</c>
/// and <c>microsoft.graph.group</c> casts, also spelled <c>graph.user</c> as the v5 SDK does),
/// <c>/users/{id}/transitiveMemberOf</c>, <c>/servicePrincipals/{id}</c> and <c>/servicePrincipals/{id}/appRoleAssignedTo</c>.
/// </summary>
internal sealed partial class GraphDirectoryEndpoints(GraphTenant tenant, GraphFaults faults)
{
    /// <summary>The answer to a request under /v1.0, or null when no endpoint matches.</summary>
    public Task? TryHandle(HttpContext context, string[] segments)
    {
        var select = GraphJson.Select(context.Request.Query["$select"].ToString());
        lock (tenant.Sync)
        {
            return segments switch
            {
                ["users"] => List(context, tenant.LiveUsers.Select(u => GraphJson.User(u, select)).ToList(), "users"),
                ["users", var id] => tenant.FindLiveUser(id) is { } user ? Ok(context, GraphJson.User(user, select)) : NotFound(context, id),
                ["users", var id, "transitiveMemberOf", .. var cast] => MemberOf(context, id, cast, select),
                ["groups"] => ListGroups(context, select),
                ["groups", var id] => tenant.FindLiveGroup(id) is { } group ? Ok(context, GraphJson.Group(group, select)) : NotFound(context, id),
                ["groups", var id, var relation and ("members" or "transitiveMembers"), "$count"] => Count(context, id, relation == "transitiveMembers"),
                ["groups", var id, var relation and ("members" or "transitiveMembers"), .. var cast] => Members(context, id, relation == "transitiveMembers", cast, select),
                ["directory", "deletedItems", "microsoft.graph.user" or "graph.user"] =>
                    List(context, tenant.DeletedUsers.Select(u => GraphJson.User(u, select)).ToList(), "directoryObjects/$/microsoft.graph.user"),
                ["servicePrincipals", var id] => tenant.FindApp(id) is { } app ? Ok(context, GraphJson.ServicePrincipal(app)) : NotFound(context, id),
                ["servicePrincipals", var id, "appRoleAssignedTo"] => tenant.FindApp(id) is { } app
                    ? List(context, app.Assignments.Select(a => GraphJson.Assignment(app, a)).ToList(), "servicePrincipals('" + id + "')/appRoleAssignedTo")
                    : NotFound(context, id),
                _ => null,
            };
        }
    }

    private Task ListGroups(HttpContext context, HashSet<string>? select)
    {
        var groups = tenant.LiveGroups;
        if (context.Request.Query["$filter"].ToString() is { Length: > 0 } filter)
        {
            if (DisplayNameEquals().Match(filter) is not { Success: true } match)
            {
                return GraphJson.WriteErrorAsync(context, 400, "Request_UnsupportedQuery", $"Unsupported Query: {filter}");
            }

            var name = match.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal);
            groups = groups.Where(g => string.Equals(g.DisplayName, name, StringComparison.OrdinalIgnoreCase));
        }

        return List(context, groups.Select(g => GraphJson.Group(g, select)).ToList(), "groups");
    }

    private Task Members(HttpContext context, string groupId, bool transitive, string[] cast, HashSet<string>? select)
    {
        if (tenant.FindLiveGroup(groupId) is not { } group)
        {
            return NotFound(context, groupId);
        }

        var type = cast switch
        {
            [] => null,
            ["microsoft.graph.user" or "graph.user"] => "user",
            ["microsoft.graph.group" or "graph.group"] => "group",
            _ => "?",
        };
        if (type == "?")
        {
            return GraphJson.WriteErrorAsync(context, 400, "Request_BadRequest", $"Unsupported type cast segment '{string.Join('/', cast)}'.");
        }

        var ids = transitive ? tenant.TransitiveMembers(group) : group.Members;
        var items = new List<JsonObject>();
        foreach (var id in ids)
        {
            if (type != "group" && tenant.FindLiveUser(id) is { } user)
            {
                items.Add(GraphJson.User(user, select, typed: true));
            }
            else if (type != "user" && tenant.FindLiveGroup(id) is { } nested)
            {
                items.Add(GraphJson.Group(nested, select, typed: true));
            }
        }

        return List(context, items, type is null ? "directoryObjects" : type + "s");
    }

    /// <summary>The groups the user is in at any depth (<c>/users/{id}/transitiveMemberOf</c>, optionally cast to groups).</summary>
    private Task MemberOf(HttpContext context, string userId, string[] cast, HashSet<string>? select)
    {
        if (tenant.FindLiveUser(userId) is null)
        {
            return NotFound(context, userId);
        }

        if (cast is not ([] or ["microsoft.graph.group" or "graph.group"]))
        {
            return GraphJson.WriteErrorAsync(context, 400, "Request_BadRequest", $"Unsupported type cast segment '{string.Join('/', cast)}'.");
        }

        var groups = tenant.LiveGroups.Where(g => tenant.TransitiveMembers(g).Contains(userId, StringComparer.OrdinalIgnoreCase))
            .Select(g => GraphJson.Group(g, select, typed: true)).ToList();
        return List(context, groups, "groups");
    }

    /// <summary><c>$count</c> of members: an advanced query, so it needs <c>ConsistencyLevel: eventual</c>.</summary>
    private Task Count(HttpContext context, string groupId, bool transitive)
    {
        if (tenant.FindLiveGroup(groupId) is not { } group)
        {
            return NotFound(context, groupId);
        }

        if (context.Request.Headers["ConsistencyLevel"].ToString() != "eventual")
        {
            return GraphJson.WriteErrorAsync(context, 400, "Request_BadRequest", "Count is not currently supported without the ConsistencyLevel header set to eventual.");
        }

        var count = (transitive ? tenant.TransitiveMembers(group) : group.Members).Count;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);
    }

    private Task List(HttpContext context, IReadOnlyList<JsonObject> items, string entitySet) =>
        GraphJson.WriteAsync(context, 200, GraphPaging.Page(context, items, entitySet, faults.NextLinkLoop));

    private static Task Ok(HttpContext context, JsonObject entity) => GraphJson.WriteAsync(context, 200, entity);

    private static Task NotFound(HttpContext context, string id) =>
        GraphJson.WriteErrorAsync(context, 404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    [GeneratedRegex("^\\s*displayName\\s+eq\\s+'(?<name>(?:[^']|'')*)'\\s*$")]
    private static partial Regex DisplayNameEquals();
}
