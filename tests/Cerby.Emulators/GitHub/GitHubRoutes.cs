using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.GitHub;

/// <summary>The organization endpoints, after the path's <c>/orgs/{org}</c>: one request's answer (status, JSON or none).</summary>
internal sealed class GitHubRoutes(GitHubOrg org, HttpContext context, bool pageLoop)
{
    private const int NoContent = 204;

    public (int Status, JsonNode? Body) Dispatch(string method, string[] rest, JsonObject? body) => (method, rest) switch
    {
        ("GET", []) => (200, Organization()),
        ("GET", ["members"]) => (200, Page(org.Active(Query("role") ?? "all").Select(m => User(m.Login, m.Id)).ToList())),
        ("GET", ["memberships", var who]) => org.Member(who) is { } m ? (200, Membership(m)) : throw GitHubHandler.NotFound(),
        ("PUT", ["memberships", var who]) => (200, Membership(org.Put(who, OrgRole(body)))),
        ("DELETE", ["memberships" or "members", var who]) => org.Remove(who) ? (NoContent, null) : throw GitHubHandler.NotFound(),
        ("GET", ["invitations"]) => (200, Page(org.Pending().Select(i => Invitation(i.Id, i.Login, i.Email, i.Role, i.Created, null)).ToList())),
        ("POST", ["invitations"]) => (201, InviteByEmail(body)),
        ("DELETE", ["invitations", var id]) => long.TryParse(id, CultureInfo.InvariantCulture, out var n) && org.CancelInvitation(n) ? (NoContent, null) : throw GitHubHandler.NotFound(),
        ("GET", ["failed_invitations"]) => (200, Page(org.Failed().Select(f => Invitation(f.Id, f.Login, f.Email, f.Role, f.Created, f.Failed)).ToList())),
        ("GET", ["outside_collaborators"]) => (200, Page(org.OutsideCollaborators().Select(c => User(c, 0)).ToList())),
        ("DELETE", ["outside_collaborators", var who]) => RemoveCollaborator(who),
        ("PUT", ["outside_collaborators", var who]) => ConvertToCollaborator(who),
        ("GET", ["teams", var slug, "members"]) => (200, Page(TeamOf(slug, write: false).Then(() => org.TeamMembers(slug, Query("role") ?? "all")).Select(u => User(u, 0)).ToList())),
        ("GET", ["teams", var slug, "memberships", var who]) => TeamOf(slug, write: false).Then(() => org.TeamRole(slug, who)) is { } role ? (200, TeamMembership(slug, who, role)) : throw GitHubHandler.NotFound(),
        ("PUT", ["teams", var slug, "memberships", var who]) => PutTeam(slug, who, body),
        ("DELETE", ["teams", var slug, "memberships", var who]) => TeamOf(slug, write: true).Then(() => org.LeaveTeam(slug, who)) ? (NoContent, null) : throw GitHubHandler.NotFound(),
        _ => throw GitHubHandler.NotFound(),
    };

    private JsonObject Organization() => new()
    {
        ["login"] = org.Login,
        ["id"] = 1,
        ["plan"] = org.ShowsPlan ? new JsonObject { ["name"] = "team", ["space"] = 976562499, ["private_repos"] = 999999, ["filled_seats"] = org.FilledSeats, ["seats"] = org.Seats } : null,
    };

    /// <summary>One page of a list (per_page default 30, capped at 100) with a Link header when more pages exist.</summary>
    private JsonArray Page(IReadOnlyList<JsonObject> all)
    {
        var perPage = Math.Clamp(int.TryParse(Query("per_page"), CultureInfo.InvariantCulture, out var p) ? p : 30, 1, 100);
        var page = pageLoop ? 1 : Math.Max(1, int.TryParse(Query("page"), CultureInfo.InvariantCulture, out var n) ? n : 1);
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        if (page < last)
        {
            var request = context.Request;
            string Url(int target)
            {
                var query = QueryString.Create(request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                    .Append(new("page", target.ToString(CultureInfo.InvariantCulture))));
                return $"<{request.Scheme}://{request.Host}{request.Path}{query}>";
            }

            context.Response.Headers["Link"] = $"{Url(page + 1)}; rel=\"next\", {Url(last)}; rel=\"last\"";
        }

        return new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage)]);
    }

    private string? Query(string name) => context.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    private static JsonObject User(string login, long id) => new() { ["login"] = login, ["id"] = id, ["type"] = "User", ["site_admin"] = false };

    private JsonObject Membership(OrgMembership m) => new()
    {
        ["url"] = $"https://api.github.com/orgs/{org.Login}/memberships/{m.Login}",
        ["state"] = m.Pending ? "pending" : "active",
        ["role"] = m.Role,
        ["organization_url"] = $"https://api.github.com/orgs/{org.Login}",
        ["direct_membership"] = true,
        ["organization"] = new JsonObject { ["login"] = org.Login, ["id"] = 1 },
        ["user"] = User(m.Login, m.Id),
    };

    private static JsonObject Invitation(long id, string? login, string? email, string role, DateTimeOffset created, DateTimeOffset? failed)
    {
        var invite = new JsonObject
        {
            ["id"] = id,
            ["login"] = login,
            ["node_id"] = $"OI_{id}",
            ["email"] = email,
            ["role"] = role == "member" ? "direct_member" : role,
            ["created_at"] = created.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            ["inviter"] = User("owner", 1),
            ["team_count"] = 0,
            ["invitation_teams_url"] = $"https://api.github.com/organizations/1/invitations/{id}/teams",
        };
        if (failed is { } at)
        {
            invite["failed_at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
            invite["failed_reason"] = "Invitation expired";
        }

        return invite;
    }

    private static string OrgRole(JsonObject? body)
    {
        var role = body?["role"]?.GetValue<string>() ?? "member";
        return role is "admin" or "member" ? role : throw new GitHubApiException(422, "Validation Failed", ("Membership", "invalid", $"role {role} is not admin or member"));
    }

    private JsonObject InviteByEmail(JsonObject? body)
    {
        var email = body?["email"]?.GetValue<string>();
        if (email is null && body?["invitee_id"] is null)
        {
            throw new GitHubApiException(422, "Validation Failed", ("Invitation", "missing_field", "email or invitee_id is required"));
        }

        var role = body?["role"]?.GetValue<string>() ?? "direct_member";
        var invite = org.InviteEmail(email ?? $"user{body?["invitee_id"]}@users.noreply.github.com", role == "direct_member" ? "member" : role);
        return Invitation(invite.Id, null, invite.Email, invite.Role, invite.Created, null);
    }

    private (int, JsonNode?) RemoveCollaborator(string who)
    {
        if (org.Member(who) is not null)
        {
            throw new GitHubApiException(422, "You cannot specify an organization member to remove as an outside collaborator.");
        }

        return org.RemoveOutsideCollaborator(who) ? (NoContent, null) : throw GitHubHandler.NotFound();
    }

    private (int, JsonNode?) ConvertToCollaborator(string who)
    {
        if (org.Member(who) is null || org.IsOwnerCount(who))
        {
            throw new GitHubApiException(403, "Cannot convert the last owner or a non-member to an outside collaborator.");
        }

        org.Remove(who);
        org.SeedOutsideCollaborator(who);
        return (NoContent, null);
    }

    private TeamGuard TeamOf(string slug, bool write)
    {
        var (exists, synced) = org.Team(slug);
        if (!exists)
        {
            throw GitHubHandler.NotFound();
        }

        if (write && synced)
        {
            throw new GitHubApiException(403, "This team's membership is managed by an identity provider (team synchronization).");
        }

        return default;
    }

    private (int, JsonNode?) PutTeam(string slug, string who, JsonObject? body)
    {
        TeamOf(slug, write: true);
        var role = body?["role"]?.GetValue<string>() ?? "member";
        if (role is not ("member" or "maintainer"))
        {
            throw new GitHubApiException(422, "Validation Failed", ("Team", "invalid", $"role {role} is not member or maintainer"));
        }

        org.SetTeamRole(slug, who, role);
        return (200, TeamMembership(slug, who, org.TeamRole(slug, who)!));
    }

    private JsonObject TeamMembership(string slug, string who, string role) => new()
    {
        ["url"] = $"https://api.github.com/organizations/1/team/{slug}/memberships/{who}",
        ["role"] = role,
        ["state"] = org.Member(who) is { Pending: false } ? "active" : "pending",
    };

    /// <summary>Lets a team check run before a lookup in one expression.</summary>
    private readonly struct TeamGuard
    {
        public T Then<T>(Func<T> next) => next();
    }
}
