namespace Cerby.Emulators.GitHub;

/// <summary>A person's org membership: role admin or member, state pending until they accept.</summary>
internal sealed record OrgMembership(string Login, long Id, string Role, bool Pending, DateTimeOffset Since);

/// <summary>An invitation sent to an email (no GitHub login known yet).</summary>
internal sealed record EmailInvitation(long Id, string Email, string Role, DateTimeOffset Created);

/// <summary>
/// One organization's state: memberships (pending ones are the invitations), email invitations, teams, outside
/// collaborators, seats. Thread-safe; pending invitations older than 7 days move to the failed list when next looked at.
/// </summary>
internal sealed class GitHubOrg(string login, TimeProvider time)
{
    /// <summary>How long an invitation stays open.</summary>
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    private readonly Lock gate = new();
    private readonly SortedDictionary<string, OrgMembership> members = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<long, EmailInvitation> emailInvites = [];
    private readonly List<(long Id, string? Login, string? Email, string Role, DateTimeOffset Created, DateTimeOffset Failed)> failed = [];
    private readonly Dictionary<string, (bool Synced, SortedDictionary<string, string> Members)> teams = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<string> outsideCollaborators = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DateTimeOffset> invitesSent = [];
    private long nextId = 1000;

    /// <summary>The organization's login.</summary>
    public string Login => login;

    /// <summary>Seats the plan has (<c>plan.seats</c>).</summary>
    public int Seats { get; set; } = 50_000;

    /// <summary>Whether <c>GET /orgs/{org}</c> shows <c>plan</c> (GitHub shows it to owners only).</summary>
    public bool ShowsPlan { get; set; } = true;

    /// <summary>Invitations allowed per 24 hours (50 for new free orgs, 500 otherwise).</summary>
    public int DailyInviteCap { get; set; } = 500;

    public T Locked<T>(Func<T> read)
    {
        lock (gate)
        {
            Expire();
            return read();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            members.Clear();
            emailInvites.Clear();
            failed.Clear();
            teams.Clear();
            outsideCollaborators.Clear();
            invitesSent.Clear();
            Seats = 50_000;
            ShowsPlan = true;
            DailyInviteCap = 500;
        }
    }

    /// <summary>An active member, straight in; returns the login.</summary>
    public string SeedMember(string who, string role) => Locked(() =>
    {
        members[who] = new OrgMembership(who, nextId++, role, Pending: false, time.GetUtcNow());
        return who;
    });

    public void SeedTeam(string slug, bool synced = false) => Locked(() => teams[slug] = (synced, new(StringComparer.OrdinalIgnoreCase)));

    public void SeedOutsideCollaborator(string who) => Locked(() => outsideCollaborators.Add(who));

    /// <summary>Plays the invitee: the pending membership of <paramref name="who"/> becomes active; false when none.</summary>
    public bool Accept(string who) => Locked(() =>
    {
        if (!members.TryGetValue(who, out var m) || !m.Pending)
        {
            return false;
        }

        members[who] = m with { Pending = false };
        return true;
    });

    /// <summary>Plays the invitee of an email invitation, who signs in as <paramref name="who"/>.</summary>
    public bool AcceptEmail(string email, string who) => Locked(() =>
    {
        var invite = emailInvites.Values.FirstOrDefault(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase));
        if (invite is null)
        {
            return false;
        }

        emailInvites.Remove(invite.Id);
        members[who] = new OrgMembership(who, nextId++, invite.Role, Pending: false, time.GetUtcNow());
        return true;
    });

    public OrgMembership? Member(string who) => Locked(() => members.GetValueOrDefault(who));

    public IReadOnlyList<OrgMembership> Active(string? role) => Locked(() =>
        members.Values.Where(m => !m.Pending && (role is null or "all" || m.Role == role)).ToList());

    /// <summary>Pending invitations, by login and by email, oldest first.</summary>
    public IReadOnlyList<(long Id, string? Login, string? Email, string Role, DateTimeOffset Created)> Pending() => Locked(() =>
        members.Values.Where(m => m.Pending).Select(m => (m.Id, (string?)m.Login, (string?)null, m.Role, m.Since))
            .Concat(emailInvites.Values.Select(i => (i.Id, (string?)null, (string?)i.Email, i.Role, i.Created)))
            .OrderBy(i => i.Id).ToList());

    public IReadOnlyList<(long Id, string? Login, string? Email, string Role, DateTimeOffset Created, DateTimeOffset Failed)> Failed() => Locked(() => failed.ToList());

    public IReadOnlyList<string> OutsideCollaborators() => Locked(() => outsideCollaborators.ToList());

    /// <summary>PUT membership: updates an existing membership's role, or invites (pending) a new person.</summary>
    public OrgMembership Put(string who, string role) => Locked(() =>
    {
        if (members.TryGetValue(who, out var m))
        {
            return members[who] = m with { Role = role };
        }

        CountInvite();
        outsideCollaborators.Remove(who);
        return members[who] = new OrgMembership(who, nextId++, role, Pending: true, time.GetUtcNow());
    });

    /// <summary>POST invitation by email.</summary>
    public EmailInvitation InviteEmail(string email, string role) => Locked(() =>
    {
        CountInvite();
        var invite = new EmailInvitation(nextId++, email, role, time.GetUtcNow());
        return emailInvites[invite.Id] = invite;
    });

    /// <summary>DELETE membership: removes the member from the org and every team; false when none.</summary>
    public bool Remove(string who) => Locked(() =>
    {
        foreach (var team in teams.Values)
        {
            team.Members.Remove(who);
        }

        return members.Remove(who);
    });

    public bool CancelInvitation(long id) => Locked(() =>
        emailInvites.Remove(id) || members.Values.FirstOrDefault(m => m.Pending && m.Id == id) is { } m && members.Remove(m.Login));

    public bool IsOwnerCount(string who) => Locked(() => members.TryGetValue(who, out var m) && m.Role == "admin" && members.Values.Count(x => x.Role == "admin" && !x.Pending) == 1);

    public bool RemoveOutsideCollaborator(string who) => Locked(() => outsideCollaborators.Remove(who));

    public (bool Exists, bool Synced) Team(string slug) => Locked(() => teams.TryGetValue(slug, out var t) ? (true, t.Synced) : (false, false));

    /// <summary>The team role of <paramref name="who"/>; owners read as maintainer, as GitHub reports them.</summary>
    public string? TeamRole(string slug, string who) => Locked(() =>
        teams.TryGetValue(slug, out var t) && t.Members.TryGetValue(who, out var role)
            ? (members.TryGetValue(who, out var m) && m.Role == "admin" ? "maintainer" : role)
            : null);

    public IReadOnlyList<string> TeamMembers(string slug, string? role) => Locked(() =>
        teams.TryGetValue(slug, out var t)
            ? t.Members.Where(p => role is null or "all" || p.Value == role).Select(p => p.Key).ToList()
            : []);

    public void SetTeamRole(string slug, string who, string role) => Locked(() => teams[slug].Members[who] = role);

    public bool LeaveTeam(string slug, string who) => Locked(() => teams.TryGetValue(slug, out var t) && t.Members.Remove(who));

    /// <summary>Seats taken: members and pending invitations, by login or email.</summary>
    public int FilledSeats => Locked(() => members.Count + emailInvites.Count);

    private void CountInvite()
    {
        var now = time.GetUtcNow();
        invitesSent.RemoveAll(t => t <= now - TimeSpan.FromDays(1));
        if (invitesSent.Count >= DailyInviteCap)
        {
            throw new GitHubApiException(422, "Validation Failed", ("Invitation", "custom", "Over invitation rate limit"));
        }

        invitesSent.Add(now);
    }

    private void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var m in members.Values.Where(m => m.Pending && m.Since + InviteLifetime <= now).ToList())
        {
            members.Remove(m.Login);
            failed.Add((m.Id, m.Login, null, m.Role, m.Since, m.Since + InviteLifetime));
        }

        foreach (var i in emailInvites.Values.Where(i => i.Created + InviteLifetime <= now).ToList())
        {
            emailInvites.Remove(i.Id);
            failed.Add((i.Id, null, i.Email, i.Role, i.Created, i.Created + InviteLifetime));
        }
    }
}
