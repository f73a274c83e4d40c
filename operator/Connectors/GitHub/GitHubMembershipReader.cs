using System.Text.Json;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>
/// Reads an organization's members: <c>/members?role=admin</c> then <c>?role=member</c> (list items carry no role),
/// pending <c>/invitations</c> (expired after 7 days), the members of each team the hub's shares name, by team role,
/// and last the organization's <c>plan.seats</c>/<c>plan.filled_seats</c> (no <c>plan</c>, as for a token that is not
/// an owner's, means unknown seats, not none). Outside collaborators are not members and are never listed.
/// </summary>
internal sealed class GitHubMembershipReader(GitHubClient client, GitHubPager pager, GitHubConnectorOptions options, TimeProvider time)
{
    /// <summary>How long an invitation stays open (GitHub docs, "Inviting users to join your organization").</summary>
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    /// <summary>How the app id of an invitation sent to an email (no login yet) starts.</summary>
    public const string InvitationPrefix = "invitation:";

    private readonly GitHubPaths paths = new(options.Organization);

    public async Task<ActualAccess> ReadAsync(CallTally calls, CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        foreach (var role in GitHubRoles.OrgRoles)
        {
            foreach (var user in await pager.ReadAllAsync(paths.Members(role), calls, cancellationToken).ConfigureAwait(false))
            {
                var login = GitHubJson.Required(user, "login", "a member");
                var key = options.Logins.KeyOf(login);
                members.TryAdd(key, new ActualMember(key, key, login, role, MemberState.Active, Managed: false, [], new Dictionary<string, string>()));
            }
        }

        var now = time.GetUtcNow();
        foreach (var invite in await pager.ReadAllAsync(paths.Invitations, calls, cancellationToken).ConfigureAwait(false))
        {
            var member = Invited(invite, now);
            members.TryAdd(member.Key, member);
        }

        var byLogin = members.Values.Where(m => m.State == MemberState.Active).ToDictionary(m => m.AppUserId!, m => m.Key, StringComparer.OrdinalIgnoreCase);
        var held = new Dictionary<string, List<AppAsset>>(StringComparer.Ordinal);
        foreach (var team in options.Teams.Distinct())
        {
            foreach (var role in GitHubRoles.TeamRoles)
            {
                foreach (var user in await pager.ReadAllAsync(paths.TeamMembers(team.Id, role), calls, cancellationToken).ConfigureAwait(false))
                {
                    if (byLogin.TryGetValue(GitHubJson.Required(user, "login", $"a member of team {team.Id}"), out var key))
                    {
                        (held.TryGetValue(key, out var list) ? list : held[key] = []).Add(new AppAsset(AssetKind.Team, team.Id, [role]));
                    }
                }
            }
        }

        foreach (var (key, assets) in held)
        {
            members[key] = members[key] with { Assets = assets };
        }

        return new ActualAccess(options.Hub, members) { Seats = await SeatsAsync(calls, cancellationToken).ConfigureAwait(false) };
    }

    private async Task<AppSeats?> SeatsAsync(CallTally calls, CancellationToken cancellationToken)
    {
        var (body, _) = await client.GetAsync("GET /orgs/{org}", new Uri(client.BaseAddress, paths.Organization), calls, cancellationToken).ConfigureAwait(false);
        return body is { ValueKind: JsonValueKind.Object } org && org.TryGetProperty("plan", out var plan)
            && GitHubJson.Count(plan, "seats") is { } total && GitHubJson.Count(plan, "filled_seats") is { } filled
            ? new AppSeats(total, filled)
            : null;
    }

    private ActualMember Invited(JsonElement invite, DateTimeOffset now)
    {
        var id = GitHubJson.Id(invite, "an invitation");
        var login = GitHubJson.Text(invite, "login");
        var email = GitHubJson.Text(invite, "email");
        var key = login is not null ? options.Logins.KeyOf(login) : email?.ToLowerInvariant()
            ?? throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"GitHub listed invitation {id} with neither login nor email");
        var expired = GitHubJson.Time(invite, "created_at") is { } created && created + InviteLifetime <= now;
        return new ActualMember(key, email ?? key, login ?? $"{InvitationPrefix}{id}", GitHubRoles.FromInvitation(GitHubJson.Text(invite, "role")),
            MemberState.Invited, Managed: false, [], new Dictionary<string, string>(), InviteExpired: expired);
    }
}
