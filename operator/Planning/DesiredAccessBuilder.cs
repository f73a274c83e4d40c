namespace Cerby.Operator.Planning;

/// <summary>
/// Who should have access to one hub in one snapshot, with the grants that justify each member, and what cannot be
/// known. Uncertainty is scoped and is data in <see cref="DesiredAccess.Unknowns"/>: a share the validator rejects
/// keeps the access of its own users as it is (and grants nothing new); a team whose membership is unknown or stale
/// protects the users it could hold (its IdP's users, or anyone when they cannot be read). Pure.
/// </summary>
internal static class DesiredAccessBuilder
{
    public static DesiredAccess Build(AccessModel model, string hubKey)
    {
        var hub = model.Hubs[hubKey];
        var shares = model.Declared.SharesOf(hubKey);
        var members = new MemberSet(ExpectedMembers(model, shares));
        var unknowns = new List<Unknown>();
        Dictionary<string, List<EndedGrant>>? ended = null; // made when a grant ended (rare): most hubs allocate nothing for it
        foreach (var invalid in model.Declared.InvalidSharesOf(hubKey))
        {
            unknowns.Add(new Unknown(UnknownKind.InvalidShare, invalid.Reason, InvalidShareUsers(model, invalid)));
        }

        foreach (var share in shares)
        {
            Grant[] alone = [share.Grant]; // the grants of every member this share alone admits
            if (share.Team is { } team)
            {
                var view = model.Team(team);
                unknowns.AddRange(view.Unknowns); // stale members still count below; unknown ones protect their scope
                foreach (var user in view.Members)
                {
                    AdmitInScope(share, alone, user, members, unknowns, ref ended);
                }
            }
            else
            {
                var users = FindUsers(model.Identity, share.Namespace, share.User!);
                if (users.Count == 0 && UnreadDirectory(model.Identity, share.Namespace) is { } unread)
                {
                    unknowns.Add(new Unknown(UnknownKind.Membership,
                        $"user {share.User} of {share.Grant.Origin} is not in any readable IdP, and IdentityProvider {unread.Name} could not be read",
                        SubjectScope(share.User!)));
                }

                foreach (var user in users)
                {
                    AdmitInScope(share, alone, user, members, unknowns, ref ended);
                }
            }
        }

        foreach (var integration in model.Declared.IntegrationsOf(hubKey))
        {
            AppAssignmentGrants.Add(model, hub, integration, members, unknowns);
        }

        return new DesiredAccess(
            hubKey,
            members.Members,
            model.Identity.InactiveIn(Resources.Validation.ResourceKeys.NamespaceOfKey(hubKey)),
            unknowns.Count == 0 ? [] : unknowns.DistinctBy(u => (u.Kind, u.Reason)).ToList())
        {
            Ended = Ended(model, hubKey, ref ended),
        };
    }

    /// <summary>
    /// What the expired shares of the hub would still grant, by user (the active users their subject names now and
    /// their scope includes), with the scope exclusions already found. They grant nothing; the plan names them when the
    /// access they alone justified goes.
    /// </summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<EndedGrant>> Ended(AccessModel model, string hubKey, ref Dictionary<string, List<EndedGrant>>? ended)
    {
        foreach (var share in model.Declared.ExpiredSharesOf(hubKey))
        {
            var users = share.Team is { } team ? model.Team(team).Members : FindUsers(model.Identity, share.Namespace, share.User!);
            var reason = $"{share.Grant.Origin} expired at {share.ExpiredAt!.Value.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";
            foreach (var user in users.Where(u => u.Lifecycle == UserLifecycle.Active && (share.Scope?.Evaluate(u) ?? ScopeVerdict.Included) == ScopeVerdict.Included))
            {
                AddEnded(ref ended, user.Key, new EndedGrant(share.Grant, reason));
            }
        }

        return ended is null
            ? DesiredAccess.NoneEnded
            : ended.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<EndedGrant>)kv.Value, StringComparer.Ordinal);
    }

    private static void AddEnded(ref Dictionary<string, List<EndedGrant>>? ended, string userKey, EndedGrant grant)
    {
        ended ??= new Dictionary<string, List<EndedGrant>>(StringComparer.Ordinal);
        if (!ended.TryGetValue(userKey, out var list))
        {
            ended[userKey] = list = [];
        }

        if (!list.Any(e => e.Grant == grant.Grant))
        {
            list.Add(grant);
        }
    }

    /// <summary>At most how many members the shares admit (team sizes summed, overlaps counted twice), bounded by the users known.</summary>
    private static int ExpectedMembers(AccessModel model, IReadOnlyList<ShareEntry> shares)
    {
        long expected = 0;
        foreach (var share in shares)
        {
            expected += share.Team is { } team ? model.Team(team).Members.Count : 1;
        }

        return (int)Math.Min(expected, model.Identity.UsersByKey.Count);
    }

    /// <summary>Admits the user when the share's scope includes them; a scope that cannot be evaluated protects them instead.</summary>
    private static void AdmitInScope(ShareEntry share, Grant[] alone, IdpUser user, MemberSet members, List<Unknown> unknowns, ref Dictionary<string, List<EndedGrant>>? ended)
    {
        string? error = null;
        switch (share.Scope?.Evaluate(user, out error) ?? ScopeVerdict.Included)
        {
            case ScopeVerdict.Included:
                members.Admit(user, share.Grant, alone);
                break;
            case ScopeVerdict.Excluded when user.Lifecycle == UserLifecycle.Active:
                AddEnded(ref ended, user.Key, new EndedGrant(share.Grant, $"excluded by the scope of {share.Grant.Origin} ({share.Scope!.Expression})"));
                break;
            case ScopeVerdict.Unknown:
                unknowns.Add(new Unknown(UnknownKind.InvalidShare,
                    $"the scope of {share.Grant.Origin} could not be evaluated for {user.Email} ({error}); their access is kept as it is",
                    new HashSet<string>(StringComparer.Ordinal) { user.Key }));
                break;
        }
    }

    /// <summary>
    /// The users an invalid share may grant to: whoever its subject resolves to now (a team's known or last-known
    /// members, or the named user). Their access stays as it is; a team that cannot be resolved protects its own scope.
    /// </summary>
    private static HashSet<string>? InvalidShareUsers(AccessModel model, InvalidShare invalid)
    {
        if (invalid.Team is { } team)
        {
            var view = model.Team(team);
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
                return FindUsers(model.Identity, invalid.Namespace, user) is { Count: > 0 } found ? [.. found.Select(u => u.Key)] : null;
            }

            scope.UnionWith(FindUsers(model.Identity, invalid.Namespace, user).Select(u => u.Key));
            return scope;
        }

        return null; // neither team nor user: it could name anyone
    }

    /// <summary>The app members a share subject may name: its key when it is an email; anyone when it is an IdP id.</summary>
    private static HashSet<string>? SubjectScope(string subject) =>
        subject.Contains('@', StringComparison.Ordinal) ? new HashSet<string>(StringComparer.Ordinal) { UserKey.Of(subject) } : null;

    /// <summary>An IdentityProvider of the namespace whose users could not be read: IdPs are namespaced, so another namespace's never matter.</summary>
    private static DirectoryState? UnreadDirectory(IdentityIndex identity, string ns) =>
        identity.Directories.Values.FirstOrDefault(d => !d.UsersKnown && d.Namespace == ns);

    /// <summary>The users a share subject names, in the IdPs of the share's own namespace only.</summary>
    private static List<IdpUser> FindUsers(IdentityIndex identity, string ns, string subject)
    {
        var found = new List<IdpUser>();
        foreach (var directory in identity.Directories.Values)
        {
            if (directory.Namespace == ns && directory.Users.TryGetValue(subject, out var byId))
            {
                found.Add(byId);
            }
        }

        if (found.Count == 0 && identity.UsersByKey.TryGetValue(UserKey.Of(subject), out var byEmail))
        {
            found.AddRange(byEmail.Where(u => identity.Directories.Values.Any(d => d.Namespace == ns && d.Users.TryGetValue(u.Id, out var same) && ReferenceEquals(same, u))));
        }

        return found;
    }
}
