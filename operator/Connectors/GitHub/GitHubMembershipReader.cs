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

    /// <summary>
    /// Reads the given people only: each one's <c>GET /orgs/{org}/memberships/{login}</c> (an active admin or member is
    /// answered by it), and for anyone it does not show active, the pending <c>/invitations</c> once for the whole batch
    /// (an invitation's expiry needs its <c>created_at</c>, and an invitation sent to an email has no login to ask by;
    /// GitHub has no lookup of an invitation by email). The answers equal what <see cref="ReadAsync"/> keys the same
    /// people as. A 404 membership is only believed together with the invitations list, which fails when the
    /// organization cannot be seen. Null when only a full read can answer: the hub reads teams (their members are
    /// listed per team, and a team membership read reports owners as maintainers whatever the list says), or a key of
    /// the company domain or of unmapped logins has no login under the rule (a login the rule cannot write back).
    /// </summary>
    public async Task<MemberRead?> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CallTally calls, CancellationToken cancellationToken)
    {
        if (options.Teams.Count > 0)
        {
            return null;
        }

        var found = new Dictionary<string, ActualMember?>(StringComparer.Ordinal);
        var open = new List<string>();
        foreach (var lookup in users)
        {
            var login = LoginOfKey(lookup.Key, out var couldBeMember);
            if (login is null && couldBeMember)
            {
                return null;
            }

            if (login is not null && await ActiveAsync(login, lookup.Key, calls, cancellationToken).ConfigureAwait(false) is { } active)
            {
                found[lookup.Key] = active;
                continue;
            }

            open.Add(lookup.Key);
        }

        if (open.Count > 0)
        {
            var now = time.GetUtcNow();
            var invited = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
            foreach (var invite in await pager.ReadAllAsync(paths.Invitations, calls, cancellationToken).ConfigureAwait(false))
            {
                var member = Invited(invite, now);
                invited.TryAdd(member.Key, member); // the first invitation of a key wins, as in the full read
            }

            foreach (var key in open)
            {
                found[key] = invited.GetValueOrDefault(key);
            }
        }

        return new MemberRead(found, null);
    }

    /// <summary>
    /// The login a member with <paramref name="key"/> would have in the full read: the rule's login for a company email,
    /// the local part for a key of unmapped logins; null for any other email (only an email invitation can carry it).
    /// <paramref name="couldBeMember"/> says the key is one a member's login could map to, so a missing login is an unknown.
    /// </summary>
    private string? LoginOfKey(string key, out bool couldBeMember)
    {
        var at = key.LastIndexOf('@');
        var domain = at < 0 ? "" : key[(at + 1)..];
        couldBeMember = string.Equals(domain, options.Logins.EmailDomain, StringComparison.OrdinalIgnoreCase)
            || string.Equals(domain, GitHubLogins.UnmappedDomain, StringComparison.Ordinal);
        var login = string.Equals(domain, GitHubLogins.UnmappedDomain, StringComparison.Ordinal) ? key[..at] : options.Logins.LoginOf(key);
        if (login is null || login.Length == 0)
        {
            return null;
        }

        if (!string.Equals(options.Logins.KeyOf(login), key, StringComparison.Ordinal))
        {
            // e.g. "jdoe-acme@users.noreply.github.com" under suffix "-acme": no member's login maps to this key.
            couldBeMember = false;
            return null;
        }

        return login;
    }

    /// <summary>The active org member <paramref name="login"/> (admin or member, as <c>/members</c> lists them), or null.</summary>
    private async Task<ActualMember?> ActiveAsync(string login, string key, CallTally calls, CancellationToken cancellationToken)
    {
        var operation = "GET /orgs/{org}/memberships/{username}";
        var (body, _) = await client.GetAsync(operation, new Uri(client.BaseAddress, paths.Membership(login)), calls, cancellationToken).ConfigureAwait(false);
        if (body is not { } membership)
        {
            return null; // 404: not a member; believed only with the invitations list, read next
        }

        var state = GitHubJson.Text(membership, "state")
            ?? throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"GitHub answered {operation} for {login} without \"state\"");
        var role = GitHubJson.Text(membership, "role");
        if (state != "active" || !GitHubRoles.OrgRoles.Contains(role, StringComparer.Ordinal))
        {
            return null; // pending (answered from the invitations) or a role /members does not list
        }

        var seen = membership.TryGetProperty("user", out var user) ? GitHubJson.Text(user, "login") : null;
        return new ActualMember(key, key, seen ?? login, role, MemberState.Active, Managed: false, [], ActualMember.NoAttributes);
    }

    public async Task<ActualAccess> ReadAsync(CallTally calls, CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        foreach (var role in GitHubRoles.OrgRoles)
        {
            foreach (var user in await pager.ReadAllAsync(paths.Members(role), calls, cancellationToken).ConfigureAwait(false))
            {
                var login = GitHubJson.Required(user, "login", "a member");
                var key = options.Logins.KeyOf(login);
                members.TryAdd(key, new ActualMember(key, key, login, role, MemberState.Active, Managed: false, [], ActualMember.NoAttributes));
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
            MemberState.Invited, Managed: false, [], ActualMember.NoAttributes, InviteExpired: expired);
    }
}
