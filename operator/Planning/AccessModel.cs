using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Planning;

/// <summary>
/// The declared resources and the identity snapshot, indexed so that the desired access of any hub is computed
/// from its shares alone. Pure: no I/O, no clock (the caller passes <c>now</c> to judge staleness).
/// Uncertainty is scoped and is data in <see cref="DesiredAccess.Unknowns"/>: a share the validator rejects keeps the
/// access of its own users as it is (and grants nothing new); a team whose membership is unknown or stale protects the
/// users it could hold (its IdP's users, or anyone when they cannot be read). IdentityProviders and bindings are
/// namespaced: an IdP only matters to the hubs of its own namespace whose teams or user shares resolve through it.
/// </summary>
public sealed class AccessModel
{
    private readonly Dictionary<string, HubModel> _hubs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ShareEntry>> _sharesByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _hubsByTeam = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _hubsByUserSubject = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Idp, string Group), List<string>> _teamsByGroupId = [];
    private readonly Dictionary<(string Idp, string Name), List<string>> _teamsByGroupName = [];
    private readonly Dictionary<string, List<InvalidShare>> _invalidByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AppIntegrationEntry>> _integrationsByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TeamView> _teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IdpGroupBinding>> _bindingsByTeam = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdentityProvider> _idps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IdpUser>> _usersByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _inactiveByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MutableDirectory> _directories;
    private readonly Dictionary<string, Dictionary<string, List<string>>> _grantedByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextChangeByHub = new(StringComparer.Ordinal);
    private IReadOnlyList<AccessReview> _reviews = [];
    private readonly DateTimeOffset _now;

    private AccessModel(IdentitySnapshot identity, DateTimeOffset now)
    {
        _directories = identity.Directories.ToDictionary(kv => kv.Key, kv => new MutableDirectory(kv.Value), StringComparer.Ordinal);
        _now = now;
    }

    /// <summary>Validation problems of the declared state (also reflected as uncertainty on the hubs they touch).</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; private set; } = [];

    /// <summary>The hubs that can be planned, by namespace/name.</summary>
    public IReadOnlyDictionary<string, HubModel> Hubs => _hubs;

    /// <summary>Indexes the declared state and the identity snapshot.</summary>
    /// <param name="now">The moment staleness is judged against.</param>
    public static AccessModel Build(DeclaredState declared, IdentitySnapshot identity, DateTimeOffset now)
    {
        var model = new AccessModel(identity, now);
        model.Index(declared);
        return model;
    }

    /// <summary>
    /// The next moment the desired access changes by itself (a share expires, a review falls due); null when none is
    /// ahead. The model judged <c>now</c> when built, so it must be rebuilt from then on.
    /// </summary>
    public DateTimeOffset? NextChangeAt { get; private set; }

    /// <summary>The next moment the hub's desired access changes by itself (a share of it expires, a review of it falls due).</summary>
    public DateTimeOffset? NextChangeOf(string hubKey) => _nextChangeByHub.TryGetValue(hubKey, out var at) ? at : null;

    /// <summary>The hubs fed by a team (namespace/team), for incremental planning after a membership change.</summary>
    public IReadOnlyList<string> HubsUsingTeam(string teamKey) => _hubsByTeam.TryGetValue(teamKey, out var hubs) ? hubs : [];

    /// <summary>
    /// Records a group's new membership (an IdP change) and re-resolves the teams it feeds. Returns the hubs whose
    /// desired access may have changed, so only those are planned again.
    /// </summary>
    public IReadOnlyCollection<string> UpdateGroup(string idpKey, IdpGroup group)
    {
        var directory = Directory(idpKey);
        directory.Groups[group.Id] = group;
        return Forget(Reresolve(TeamsFedBy(idpKey, group)));
    }

    /// <summary>
    /// Records a user's new lifecycle or profile (an IdP change) and re-resolves the teams the user is in. Returns the
    /// hubs whose desired access may have changed.
    /// </summary>
    public IReadOnlyCollection<string> UpdateUser(string idpKey, IdpUser user)
    {
        var directory = Directory(idpKey);
        if (directory.Users.TryGetValue(user.Id, out var previous) && _usersByKey.TryGetValue(previous.Key, out var oldList))
        {
            oldList.Remove(previous);
        }

        directory.Users[user.Id] = user;
        directory.UserChanged();
        Append(_usersByKey, user.Key, user);
        RefreshInactive(user.Key);
        if (previous is not null && previous.Key != user.Key)
        {
            RefreshInactive(previous.Key);
        }

        var teams = directory.Groups.Values.Where(g => g.MemberIds.Contains(user.Id)).SelectMany(g => TeamsFedBy(idpKey, g)).ToList();
        var hubs = new HashSet<string>(Reresolve(teams), StringComparer.Ordinal);
        foreach (var subject in new[] { user.Id, user.Key, previous?.Key })
        {
            hubs.UnionWith(subject is null ? [] : _hubsByUserSubject.GetValueOrDefault(subject) ?? []);
        }

        hubs.UnionWith(_integrationsByHub.Where(kv => kv.Value.Any(i => i.IdpKey == idpKey)).Select(kv => kv.Key));
        return Forget(hubs);
    }

    private MutableDirectory Directory(string idpKey)
    {
        if (!_directories.TryGetValue(idpKey, out var directory))
        {
            _directories[idpKey] = directory = new MutableDirectory(IdpDirectory.Unreadable(idpKey));
        }

        return directory;
    }

    private IEnumerable<string> TeamsFedBy(string idpKey, IdpGroup group) =>
        (_teamsByGroupId.GetValueOrDefault((idpKey, group.Id)) ?? [])
            .Concat(_teamsByGroupName.GetValueOrDefault((idpKey, group.DisplayName)) ?? [])
            .Distinct(StringComparer.Ordinal);

    private HashSet<string> Reresolve(IEnumerable<string> teams)
    {
        var hubs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            _teams[team] = ResolveTeam(team, _bindingsByTeam.GetValueOrDefault(team) ?? []);
            hubs.UnionWith(HubsUsingTeam(team));
        }

        return hubs;
    }

    /// <summary>
    /// The keys of the users a share grants access to on its hub ("TeamShare namespace/name" origin). Computed once per
    /// hub and model version for all its shares, so asking for every share of a hub costs one desired-access pass, not
    /// one per share.
    /// </summary>
    public IReadOnlyList<string> GrantedUsers(string hubKey, string shareKey)
    {
        if (!_hubs.ContainsKey(hubKey))
        {
            return [];
        }

        if (!_grantedByHub.TryGetValue(hubKey, out var byOrigin))
        {
            byOrigin = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var member in Desired(hubKey).Members.Values)
            {
                foreach (var origin in member.Grants.Select(g => g.Origin).Distinct(StringComparer.Ordinal))
                {
                    Append(byOrigin, origin, member.Key);
                }
            }

            _grantedByHub[hubKey] = byOrigin;
        }

        return byOrigin.GetValueOrDefault($"TeamShare {shareKey}") ?? [];
    }

    private T Forget<T>(T hubs)
        where T : IEnumerable<string>
    {
        foreach (var hub in hubs)
        {
            _grantedByHub.Remove(hub);
        }

        return hubs;
    }

    /// <summary>Who should have access to the hub, with the grants that justify each member, after the denies of due AccessReviews.</summary>
    public DesiredAccess Desired(string hubKey) => ReviewDenies.Apply(Granted(hubKey), ReviewDenies.For(hubKey, _reviews, _now));

    /// <summary>Who the shares and app assignments grant access to the hub, before any AccessReview deny (what a review lists).</summary>
    public DesiredAccess Granted(string hubKey)
    {
        var hub = _hubs[hubKey];
        var members = new Dictionary<string, MemberBuilder>(StringComparer.Ordinal);
        var unknowns = new List<Unknown>();
        foreach (var invalid in _invalidByHub.GetValueOrDefault(hubKey) ?? [])
        {
            unknowns.Add(new Unknown(UnknownKind.InvalidShare, invalid.Reason, InvalidShareUsers(invalid)));
        }

        foreach (var share in _sharesByHub.GetValueOrDefault(hubKey) ?? [])
        {
            if (share.Team is { } team)
            {
                var view = Team(team);
                unknowns.AddRange(view.Unknowns); // stale members still count below; unknown ones protect their scope
                foreach (var user in view.Members)
                {
                    AdmitInScope(share, user, members, unknowns);
                }
            }
            else
            {
                var users = FindUsers(share.Namespace, share.User!);
                if (users.Count == 0 && UnreadDirectory(share.Namespace) is { } unread)
                {
                    unknowns.Add(new Unknown(UnknownKind.Membership,
                        $"user {share.User} of {share.Grant.Origin} is not in any readable IdP, and IdentityProvider {unread.Name} could not be read",
                        SubjectScope(share.User!)));
                }

                foreach (var user in users)
                {
                    AdmitInScope(share, user, members, unknowns);
                }
            }
        }

        foreach (var integration in _integrationsByHub.GetValueOrDefault(hubKey) ?? [])
        {
            AddAssignments(hub, integration, members, unknowns);
        }

        return new DesiredAccess(
            hubKey,
            members.ToDictionary(kv => kv.Key, kv => kv.Value.Build(), StringComparer.Ordinal),
            InactiveIn(ResourceKeys.NamespaceOfKey(hubKey)),
            unknowns.DistinctBy(u => (u.Kind, u.Reason)).ToList());
    }

    /// <summary>
    /// The users an invalid share may grant to: whoever its subject resolves to now (a team's known or last-known
    /// members, or the named user). Their access stays as it is; a team that cannot be resolved protects its own scope.
    /// </summary>
    private HashSet<string>? InvalidShareUsers(InvalidShare invalid)
    {
        if (invalid.Team is { } team)
        {
            var view = Team(team);
            if (view.State == MembershipState.Unknown)
            {
                return view.Unknowns.Any(u => u.Users is null) ? null : [.. view.Unknowns.SelectMany(u => u.Users!), .. view.Members.Select(m => m.Key)];
            }

            return [.. view.Members.Select(m => m.Key)];
        }

        if (invalid.User is { } user)
        {
            var scope = SubjectScope(user);
            if (scope is null)
            {
                return FindUsers(invalid.Namespace, user) is { Count: > 0 } found ? [.. found.Select(u => u.Key)] : null;
            }

            scope.UnionWith(FindUsers(invalid.Namespace, user).Select(u => u.Key));
            return scope;
        }

        return null; // neither team nor user: it could name anyone
    }

    /// <summary>The app members a share subject may name: its key when it is an email; anyone when it is an IdP id.</summary>
    private static HashSet<string>? SubjectScope(string subject) =>
        subject.Contains('@', StringComparison.Ordinal) ? new HashSet<string>(StringComparer.Ordinal) { UserKey.Of(subject) } : null;

    private TeamView Team(string team) => _teams.GetValueOrDefault(team) ?? Unbound(team);

    /// <summary>An IdentityProvider of the namespace whose users could not be read: IdPs are namespaced, so another namespace's never matter.</summary>
    private MutableDirectory? UnreadDirectory(string ns) =>
        _directories.Values.FirstOrDefault(d => !d.UsersKnown && ResourceKeys.NamespaceOfKey(d.Name) == ns);

    private void Index(DeclaredState declared)
    {
        Problems = ResourceValidator.Validate(declared);
        var invalid = Problems.Select(p => (p.Kind, p.Key)).ToHashSet();

        foreach (var hub in declared.Hubs.Where(h => !invalid.Contains(("BusinessHub", ResourceKeys.Of(h.Metadata)))))
        {
            var key = ResourceKeys.Of(hub.Metadata);
            _hubs.TryAdd(key, HubModel.From(hub));
        }

        foreach (var idp in declared.IdentityProviders)
        {
            _idps.TryAdd(ResourceKeys.Of(idp.Metadata), idp);
        }

        foreach (var binding in declared.Bindings)
        {
            var team = ResourceKeys.Sibling(binding.Metadata, binding.Spec.Team);
            if (!_bindingsByTeam.TryGetValue(team, out var list))
            {
                _bindingsByTeam[team] = list = [];
            }

            list.Add(binding);
            var idpKey = ResourceKeys.Sibling(binding.Metadata, binding.Spec.IdentityProviderRef.Name);
            if (binding.Spec.Group.Id is { Length: > 0 } groupId)
            {
                Append(_teamsByGroupId, (idpKey, groupId), team);
            }
            else if (binding.Spec.Group.DisplayName is { Length: > 0 } groupName)
            {
                Append(_teamsByGroupName, (idpKey, groupName), team);
            }
        }

        foreach (var directory in _directories.Values)
        {
            foreach (var user in directory.Users.Values)
            {
                Append(_usersByKey, user.Key, user);
            }
        }

        foreach (var key in _usersByKey.Keys)
        {
            RefreshInactive(key);
        }

        foreach (var share in declared.Shares.Where(s => !ShareExpiry.IsExpired(s, _now))) // an expired share is as a deleted one
        {
            IndexShare(share, invalid.Contains(("TeamShare", ResourceKeys.Of(share.Metadata))));
        }

        IndexReviews(declared.AccessReviews);

        foreach (var (team, bindings) in _bindingsByTeam)
        {
            _teams[team] = ResolveTeam(team, bindings);
        }

        foreach (var idp in declared.IdentityProviders)
        {
            if (idp.Spec.AppIntegration is { } app && !invalid.Contains(("IdentityProvider", ResourceKeys.Of(idp.Metadata))))
            {
                var hubKey = ResourceKeys.Sibling(idp.Metadata, app.HubRef.Name);
                Append(_integrationsByHub, hubKey, new AppIntegrationEntry(ResourceKeys.Of(idp.Metadata), app));
            }
        }
    }

    private void IndexShare(TeamShare share, bool isInvalid)
    {
        var shareKey = ResourceKeys.Of(share.Metadata);
        var hubKey = ResourceKeys.Sibling(share.Metadata, share.Spec.HubRef.Name);
        if (!_hubs.ContainsKey(hubKey))
        {
            return; // no hub, nothing to plan; the validator reports it
        }

        var subject = share.Spec.Subject;
        var ns = ResourceKeys.NamespaceOf(share.Metadata);
        NoteChange(hubKey, ShareExpiry.ExpiresAt(share));
        var scope = CompileScope(share, shareKey, ref isInvalid);
        var teamKey = string.IsNullOrEmpty(subject.Team) ? null : ResourceKeys.Sibling(share.Metadata, subject.Team);
        if (isInvalid)
        {
            var why = string.Join("; ", Problems.Where(p => p.Key == shareKey && p.Kind == "TeamShare").Select(p => $"{p.Field}: {p.Message}"));
            var reason = $"TeamShare {shareKey} is invalid ({why}); the access it may grant its users is kept until it is fixed";
            Append(_invalidByHub, hubKey, new InvalidShare(reason, ns, teamKey, string.IsNullOrEmpty(subject.User) ? null : subject.User));
            if (teamKey is not null)
            {
                IndexTeamHub(teamKey, hubKey);
            }

            return;
        }

        var origin = $"TeamShare {shareKey}";
        var assets = share.Spec.Assets.Select(a => new AssetGrant(a.Kind, a.Id, a.Role ?? share.Spec.Role)).ToList();
        var grant = new Grant(share.Spec.Role, teamKey is null ? GrantSource.Individual : GrantSource.Team, origin, subject.Team, assets);
        Append(_sharesByHub, hubKey, new ShareEntry(grant, ns, teamKey, subject.User, scope));
        if (teamKey is null && subject.User is { } user)
        {
            Append(_hubsByUserSubject, user, hubKey);
            Append(_hubsByUserSubject, UserKey.Of(user), hubKey);
        }

        if (teamKey is not null)
        {
            IndexTeamHub(teamKey, hubKey);
        }
    }

    /// <summary>A share's compiled scope; a scope that does not compile makes the share invalid (a problem on spec.scope).</summary>
    private ShareScope? CompileScope(TeamShare share, string shareKey, ref bool isInvalid)
    {
        if (share.Spec.Scope is not { Length: > 0 } expression)
        {
            return null;
        }

        var scope = ShareScope.Compile(expression, out var error);
        if (scope is null && !isInvalid)
        {
            Problems = [.. Problems, new ValidationProblem(TeamShare.KindName, shareKey, "spec.scope", error ?? "scope does not compile")];
            isInvalid = true;
        }

        return scope;
    }

    /// <summary>Admits the user when the share's scope includes them; a scope that cannot be evaluated protects them instead.</summary>
    private static void AdmitInScope(ShareEntry share, IdpUser user, Dictionary<string, MemberBuilder> members, List<Unknown> unknowns)
    {
        string? error = null;
        switch (share.Scope?.Evaluate(user, out error) ?? ScopeVerdict.Included)
        {
            case ScopeVerdict.Included:
                Admit(user, share.Grant, members);
                break;
            case ScopeVerdict.Unknown:
                unknowns.Add(new Unknown(UnknownKind.InvalidShare, $"the scope of {share.Grant.Origin} could not be evaluated for {user.Email} ({error}); their access is kept as it is", new HashSet<string>(StringComparer.Ordinal) { user.Key }));
                break;
        }
    }

    private void IndexReviews(IReadOnlyList<AccessReview> reviews)
    {
        _reviews = reviews;
        foreach (var review in reviews.Where(r => !ReviewDenies.IsDue(r, _now)))
        {
            foreach (var hubKey in _hubs.Keys.Where(h => ReviewDenies.Covers(review, h)))
            {
                NoteChange(hubKey, review.Spec.DueDate);
            }
        }
    }

    private void NoteChange(string hubKey, DateTimeOffset? at)
    {
        if (at is not { } when || when <= _now)
        {
            return;
        }

        if (!_nextChangeByHub.TryGetValue(hubKey, out var known) || when < known)
        {
            _nextChangeByHub[hubKey] = when;
        }

        NextChangeAt = NextChangeAt is { } next && next <= when ? next : when;
    }

    private void IndexTeamHub(string teamKey, string hubKey)
    {
        if (!_hubsByTeam.TryGetValue(teamKey, out var hubs))
        {
            _hubsByTeam[teamKey] = hubs = [];
        }

        if (!hubs.Contains(hubKey))
        {
            hubs.Add(hubKey);
        }
    }

    /// <summary>
    /// Whom an unknown or stale group of this IdP could hold: its users, when the IdP's directory is read whole (Okta,
    /// Entra) and was read; anyone (null) for a push IdP (scim: a user not pushed yet may be in a group not pushed yet),
    /// an IdP whose users could not be read, or one not declared.
    /// </summary>
    private IReadOnlySet<string>? ScopeOf(MutableDirectory? directory) =>
        directory is not null && _idps.TryGetValue(directory.Name, out var idp) && idp.Spec.Type != IdentityProviderType.Scim ? directory.UserScope : null;

    private TeamView ResolveTeam(string team, IReadOnlyList<IdpGroupBinding> bindings)
    {
        var members = new List<IdpUser>();
        var unknowns = new List<Unknown>();
        var state = MembershipState.Known;
        foreach (var binding in bindings)
        {
            var bindingKey = ResourceKeys.Of(binding.Metadata);
            var (directory, group, problem) = ResolveGroup(binding);
            if (group is null || directory is null)
            {
                state = MembershipState.Unknown;
                unknowns.Add(new Unknown(UnknownKind.Membership, $"membership of team {binding.Spec.Team} is unknown: {problem} (IdpGroupBinding {bindingKey})", ScopeOf(directory)));
                continue;
            }

            var groupState = EffectiveState(directory, group);
            if (groupState == MembershipState.Unknown)
            {
                state = MembershipState.Unknown;
                unknowns.Add(new Unknown(UnknownKind.Membership, $"membership of team {binding.Spec.Team} is unknown: group {group.DisplayName} has not been read completely (IdpGroupBinding {bindingKey})", ScopeOf(directory)));
                continue;
            }

            if (groupState == MembershipState.Stale)
            {
                state = state == MembershipState.Unknown ? state : MembershipState.Stale;
                unknowns.Add(new Unknown(UnknownKind.Stale, $"membership of team {binding.Spec.Team} is stale: group {group.DisplayName} last read {group.KnownAt:u} (IdpGroupBinding {bindingKey})", ScopeOf(directory)));
            }

            foreach (var id in group.MemberIds)
            {
                if (directory.Users.TryGetValue(id, out var user))
                {
                    members.Add(user);
                }
                else if (!directory.UsersKnown)
                {
                    state = MembershipState.Unknown;
                    unknowns.Add(new Unknown(UnknownKind.Membership, $"membership of team {binding.Spec.Team} is unknown: users of IdentityProvider {directory.Name} could not be read (IdpGroupBinding {bindingKey})", null));
                    break;
                }

                // A member id the directory does not hold is a user deleted in the IdP: no grant.
            }
        }

        return new TeamView(team, members, state, unknowns);
    }

    private (MutableDirectory? Directory, IdpGroup? Group, string Problem) ResolveGroup(IdpGroupBinding binding)
    {
        var idpKey = ResourceKeys.Sibling(binding.Metadata, binding.Spec.IdentityProviderRef.Name);
        if (!_directories.TryGetValue(idpKey, out var directory))
        {
            return (null, null, $"IdentityProvider {idpKey} has not been read");
        }

        var spec = binding.Spec.Group;
        if (spec.Id is { Length: > 0 } id)
        {
            return directory.Groups.TryGetValue(id, out var byId)
                ? (directory, byId, "")
                : (directory, null, $"group {id} was not found in IdentityProvider {idpKey}");
        }

        var matches = directory.Groups.Values.Where(g => string.Equals(g.DisplayName, spec.DisplayName, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            1 => (directory, matches[0], ""),
            0 => (directory, null, $"no group named \"{spec.DisplayName}\" in IdentityProvider {idpKey}"),
            _ => (directory, null, $"several groups are named \"{spec.DisplayName}\" in IdentityProvider {idpKey}; bind by id"),
        };
    }

    private MembershipState EffectiveState(MutableDirectory directory, IdpGroup group)
    {
        if (group.State != MembershipState.Known)
        {
            return group.State;
        }

        var staleAfter = StaleAfter(directory.Name);
        return group.KnownAt is { } at && _now - at > staleAfter ? MembershipState.Stale : MembershipState.Known;
    }

    private TimeSpan StaleAfter(string idpKey)
    {
        if (!_idps.TryGetValue(idpKey, out var idp))
        {
            return TimeSpan.MaxValue;
        }

        if (idp.Spec.StaleAfter is { } explicitValue && GoDuration.TryParse(explicitValue, out var value))
        {
            return value;
        }

        return GoDuration.TryParse(idp.Spec.ResyncInterval, out var resync) ? resync * 3 : TimeSpan.FromMinutes(45);
    }

    /// <summary>The users a share subject names, in the IdPs of the share's own namespace only.</summary>
    private List<IdpUser> FindUsers(string ns, string subject)
    {
        var found = new List<IdpUser>();
        foreach (var directory in _directories.Values)
        {
            if (directory.Namespace == ns && directory.Users.TryGetValue(subject, out var byId))
            {
                found.Add(byId);
            }
        }

        if (found.Count == 0 && _usersByKey.TryGetValue(UserKey.Of(subject), out var byEmail))
        {
            found.AddRange(byEmail.Where(u => _directories.Values.Any(d => d.Namespace == ns && d.Users.TryGetValue(u.Id, out var same) && ReferenceEquals(same, u))));
        }

        return found;
    }

    private void AddAssignments(HubModel hub, AppIntegrationEntry integration, Dictionary<string, MemberBuilder> members, List<Unknown> uncertain)
    {
        var origin = $"IdentityProvider {integration.IdpKey} app {integration.App.AppId}";
        if (!_directories.TryGetValue(integration.IdpKey, out var directory) || !directory.AssignmentsKnown)
        {
            uncertain.Add(new Unknown(UnknownKind.Membership, $"assignments of app {integration.App.AppId} in IdentityProvider {integration.IdpKey} are unknown", ScopeOf(directory)));
            return;
        }

        foreach (var assignment in directory.Assignments)
        {
            var role = integration.App.RoleAttribute is { } attr && assignment.Profile.TryGetValue(attr, out var named) && hub.Role(named) is not null
                ? named
                : integration.App.Role;
            if (assignment.UserId is { } userId)
            {
                if (directory.Users.TryGetValue(userId, out var user))
                {
                    AdmitAssigned(user, new Grant(role, GrantSource.AppAssignment, origin, null, []), assignment, integration.App, members);
                }
                else if (!directory.UsersKnown)
                {
                    uncertain.Add(new Unknown(UnknownKind.Membership, $"users of IdentityProvider {integration.IdpKey} could not be read", null));
                }
            }
            else if (assignment.GroupId is { } groupId)
            {
                if (!directory.Groups.TryGetValue(groupId, out var group) || EffectiveState(directory, group) == MembershipState.Unknown)
                {
                    uncertain.Add(new Unknown(UnknownKind.Membership, $"members of group {groupId} assigned to app {integration.App.AppId} are unknown", ScopeOf(directory)));
                    continue;
                }

                var grant = new Grant(role, GrantSource.AppAssignment, origin, group.DisplayName, []);
                foreach (var id in group.MemberIds)
                {
                    if (directory.Users.TryGetValue(id, out var user))
                    {
                        AdmitAssigned(user, grant, assignment, integration.App, members);
                    }
                }
            }
        }
    }

    private static void AdmitAssigned(IdpUser user, Grant grant, AppAssignment assignment, AppIntegration app, Dictionary<string, MemberBuilder> members)
    {
        var builder = Admit(user, grant, members);
        if (builder is null)
        {
            return;
        }

        foreach (var mapping in app.AttributeMappings)
        {
            var value = assignment.Profile.TryGetValue(mapping.IdpAttribute, out var fromAssignment) ? fromAssignment
                : user.Profile.TryGetValue(mapping.IdpAttribute, out var fromProfile) ? fromProfile
                : null;
            builder.Attributes[mapping.AppAttribute] = value;
        }
    }

    private static MemberBuilder? Admit(IdpUser user, Grant grant, Dictionary<string, MemberBuilder> members)
    {
        if (user.Lifecycle != UserLifecycle.Active)
        {
            return null; // an inactive user holds no access, whatever shares name them (individual shares included)
        }

        if (!members.TryGetValue(user.Key, out var builder))
        {
            members[user.Key] = builder = new MemberBuilder(user);
        }

        if (!builder.Grants.Contains(grant))
        {
            builder.Grants.Add(grant);
        }

        return builder;
    }

    /// <summary>
    /// A user is inactive in a namespace when an IdentityProvider of that namespace knows them and no record of theirs
    /// there is active. Judged per namespace: a deactivation in another team's IdP neither removes nor protects anyone
    /// here (inactive users are removed even while membership is uncertain, so a cross-namespace judgement would let
    /// one tenant take access away in another's hubs).
    /// </summary>
    private void RefreshInactive(string key)
    {
        foreach (var inactive in _inactiveByNamespace.Values)
        {
            inactive.Remove(key);
        }

        var records = _usersByKey.GetValueOrDefault(key) ?? [];
        foreach (var inNamespace in records.GroupBy(NamespaceOf, StringComparer.Ordinal))
        {
            if (inNamespace.Key.Length > 0 && inNamespace.All(u => u.Lifecycle != UserLifecycle.Active))
            {
                var user = inNamespace.First();
                if (!_inactiveByNamespace.TryGetValue(inNamespace.Key, out var inactive))
                {
                    _inactiveByNamespace[inNamespace.Key] = inactive = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                inactive[key] = $"{user.Email} is {user.Lifecycle.ToString().ToLowerInvariant()} in the IdP, so no share applies";
            }
        }
    }

    /// <summary>The namespace of the IdentityProvider whose directory holds this very record ("" when none does).</summary>
    private string NamespaceOf(IdpUser user) =>
        _directories.Values.FirstOrDefault(d => d.Users.TryGetValue(user.Id, out var same) && ReferenceEquals(same, user))?.Namespace ?? "";

    /// <summary>A copy (the planner may read it while an identity change updates the model) of a namespace's inactive users.</summary>
    private Dictionary<string, string> InactiveIn(string ns) =>
        _inactiveByNamespace.TryGetValue(ns, out var inactive) ? new Dictionary<string, string>(inactive, StringComparer.Ordinal) : new(StringComparer.Ordinal);

    private static TeamView Unbound(string team) =>
        new(team, [], MembershipState.Unknown, [new Unknown(UnknownKind.Membership, $"team {team} has no IdpGroupBinding, so its membership is unknown", null)]);

    private static void Append<TKey, T>(Dictionary<TKey, List<T>> index, TKey key, T value)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }

    /// <summary>The model's own copy of a directory, so that incremental updates never touch the caller's snapshot.</summary>
    private sealed class MutableDirectory(IdpDirectory source)
    {
        private HashSet<string>? _userScope;

        public string Name { get; } = source.Name;

        public string Namespace { get; } = ResourceKeys.NamespaceOfKey(source.Name);

        /// <summary>
        /// Whom a group of this IdP that cannot be read could hold: its users, when they are known (a deleted or
        /// never-seen user cannot be a member); null (anyone) when they are not. Cached until a user changes.
        /// </summary>
        public IReadOnlySet<string>? UserScope => !UsersKnown ? null : _userScope ??= [.. Users.Values.Select(u => u.Key)];

        public void UserChanged() => _userScope = null;

        public bool UsersKnown { get; } = source.UsersKnown;

        public bool AssignmentsKnown { get; } = source.AssignmentsKnown;

        public IReadOnlyList<AppAssignment> Assignments { get; } = source.Assignments;

        public Dictionary<string, IdpUser> Users { get; } = new(source.Users, StringComparer.Ordinal);

        public Dictionary<string, IdpGroup> Groups { get; } = new(source.Groups, StringComparer.Ordinal);
    }

    private sealed record ShareEntry(Grant Grant, string Namespace, string? Team, string? User, ShareScope? Scope = null);

    private sealed record InvalidShare(string Reason, string Namespace, string? Team, string? User);

    private sealed record AppIntegrationEntry(string IdpKey, AppIntegration App);

    private sealed class MemberBuilder(IdpUser user)
    {
        public List<Grant> Grants { get; } = [];

        public Dictionary<string, string?> Attributes { get; } = new(StringComparer.Ordinal);

        public DesiredMember Build() => new(user.Key, user.Email, user.Id, Grants, Attributes);
    }
}
