using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Okta;

/// <summary>Users, groups, group members and app assignments (GET only), with Okta's paging, search and 404s.</summary>
internal sealed class OktaDirectoryEndpoints(OktaOrg org, OktaFaults faults)
{
    /// <summary>The answer to <c>/api/v1/{rest}</c>, or null when no endpoint matches.</summary>
    public Task? TryHandleAsync(HttpContext context, string[] rest) => rest switch
    {
        ["users"] => ListUsers(context),
        ["users", var id] => Single(context, v => v.Users.GetValueOrDefault(id) ?? v.Users.Values.FirstOrDefault(u => u.Login == id), OktaResources.User, id, "User"),
        ["groups"] => ListGroups(context),
        ["groups", var id] => Single(context, v => v.Groups.GetValueOrDefault(id), OktaResources.Group, id, "UserGroup"),
        ["groups", var id, "users"] => GroupMembers(context, id),
        ["apps", var id, "users"] => AppUsers(context, id),
        ["apps", var id, "groups"] => AppGroups(context, id),
        _ => null,
    };

    private Task ListUsers(HttpContext context)
    {
        var query = context.Request.Query;
        var expression = query.ContainsKey("search") ? query["search"].ToString() : query.ContainsKey("filter") ? query["filter"].ToString() : null;
        var search = OktaSearchExpression.TryParse(expression);
        if (expression is not null && search is not { Attribute: "status" or "id" or "profile.login" or "profile.email" })
        {
            return Invalid(context, expression);
        }

        var q = query["q"].ToString();
        var users = org.Read(v => v.Users.Values
            .Where(u => search is null ? u.Status != "DEPROVISIONED" : Attribute(u, search.Attribute) == search.Value)
            .Where(u => q.Length == 0 || u.Profile.Values.Any(p => p?.StartsWith(q, StringComparison.OrdinalIgnoreCase) == true))
            .ToList());
        return Page(context, users, u => u.Id, (u, o) => OktaResources.User(u, o), defaultLimit: 200, maxLimit: 200);
    }

    private Task ListGroups(HttpContext context)
    {
        var query = context.Request.Query;
        var expression = query.ContainsKey("search") ? query["search"].ToString() : null;
        var search = OktaSearchExpression.TryParse(expression);
        if (expression is not null && search is not { Attribute: "profile.name" or "id" })
        {
            return Invalid(context, expression);
        }

        var q = query["q"].ToString();
        var groups = org.Read(v => v.Groups.Values
            .Where(g => search is null || (search.Attribute == "id" ? g.Id : g.Name) == search.Value)
            .Where(g => q.Length == 0 || g.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase))
            .ToList());
        return Page(context, groups, g => g.Id, (g, o) => OktaResources.Group(g, o), defaultLimit: 200, maxLimit: 10_000);
    }

    private Task GroupMembers(HttpContext context, string groupId)
    {
        var members = org.Read(v => v.Groups.TryGetValue(groupId, out var group) ? group.Members.Select(id => v.Users[id]).ToList() : null);
        return members is null
            ? NotFound(context, groupId, "UserGroup")
            : Page(context, members, u => u.Id, (u, o) => OktaResources.User(u, o), defaultLimit: 1000, maxLimit: 1000);
    }

    /// <summary>Direct assignments (scope USER), and members of assigned groups (scope GROUP, the highest-priority group's profile).</summary>
    private Task AppUsers(HttpContext context, string appId)
    {
        var appUsers = org.Read(v =>
        {
            if (!v.Apps.TryGetValue(appId, out var app))
            {
                return null;
            }

            var rows = app.Users.Select(a => (User: v.Users[a.Key], Scope: "USER", Profile: a.Value)).ToList();
            foreach (var (groupId, assignment) in app.Groups.OrderBy(g => g.Value.Priority))
            {
                rows.AddRange(v.Groups[groupId].Members
                    .Where(id => rows.All(r => r.User.Id != id) && v.Users[id].Status != "DEPROVISIONED")
                    .Select(id => (v.Users[id], "GROUP", assignment.Profile)));
            }

            return rows.OrderBy(r => r.User.Id, StringComparer.Ordinal).Select(r => (r.User, r.Scope, r.Profile, App: app)).ToList();
        });
        return appUsers is null
            ? NotFound(context, appId, "AppInstance")
            : Page(context, appUsers, r => r.User.Id, (r, o) => OktaResources.AppUser(r.User, r.App, r.Scope, r.Profile, o), defaultLimit: 50, maxLimit: 500);
    }

    private Task AppGroups(HttpContext context, string appId)
    {
        var expand = context.Request.Query["expand"] == "group";
        var appGroups = org.Read(v => v.Apps.TryGetValue(appId, out var app)
            ? app.Groups.Select(g => (Group: v.Groups[g.Key], App: app, g.Value.Priority, g.Value.Profile)).ToList()
            : null);
        return appGroups is null
            ? NotFound(context, appId, "AppInstance")
            : Page(context, appGroups, g => g.Group.Id, (g, o) => OktaResources.AppGroup(g.Group, g.App, g.Priority, g.Profile, expand, o), defaultLimit: 20, maxLimit: 200);
    }

    private Task Single<T>(HttpContext context, Func<OktaOrgView, T?> find, Func<T, string, object> shape, string id, string type)
        where T : class
    {
        var origin = Origin(context);
        var body = org.Read(v => find(v) is { } found ? shape(found, origin) : null);
        return body is null ? NotFound(context, id, type) : OktaApiHandler.Write(context, 200, body);
    }

    private Task Page<T>(HttpContext context, IReadOnlyList<T> ordered, Func<T, string> key, Func<T, string, object> shape, int defaultLimit, int maxLimit)
    {
        var page = OktaPaging.Page(context, ordered, key, defaultLimit, maxLimit, faults.NextLinkLoop);
        var origin = Origin(context);
        return OktaApiHandler.Write(context, 200, org.Read(_ => page.Select(i => shape(i, origin)).ToList()));
    }

    private static string? Attribute(OktaUserEntity user, string attribute) => attribute switch
    {
        "status" => user.Status,
        "id" => user.Id,
        _ => user.Profile.GetValueOrDefault(attribute["profile.".Length..]),
    };

    private static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static Task NotFound(HttpContext context, string id, string type) =>
        OktaApiHandler.Write(context, 404, OktaResources.Error("E0000007", $"Not found: Resource not found: {id} ({type})"));

    private static Task Invalid(HttpContext context, string expression) =>
        OktaApiHandler.Write(context, 400, OktaResources.Error("E0000053", "Invalid search criteria.", $"the emulator does not understand: {expression}"));
}
