using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Cache;

/// <summary>
/// The operator's view of every identity provider: the last-known directory per IdentityProvider ("namespace/name"),
/// what the last full read found per bound group, and whether the IdP is current. Could-not-read never becomes empty:
/// a part that fails keeps its last-known value and its groups turn Stale (so nothing is removed on their account),
/// and a part never read stays Unknown. Every change raises <see cref="Changed"/> with what differs.
/// Thread-safe; listeners run on the writer's thread and must not block.
/// </summary>
internal sealed class IdentityCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IdpState> _states = new(StringComparer.Ordinal);

    /// <summary>Raised after each change that made a difference, outside the lock.</summary>
    public event Action<IdentityDelta>? Changed;

    /// <summary>Raised after a full read, a failure, a recovery or a change of an IdP: its status and its bindings' may need writing. Quiet polls raise nothing.</summary>
    public event Action<string>? Touched;

    public IdpState? Get(string idpKey)
    {
        lock (_lock) return _states.GetValueOrDefault(idpKey);
    }

    /// <summary>Every IdP's state, by IdentityProvider key.</summary>
    public IReadOnlyList<KeyValuePair<string, IdpState>> All()
    {
        lock (_lock) return [.. _states];
    }

    /// <summary>Every directory, for building the access model.</summary>
    public IdentitySnapshot Snapshot()
    {
        lock (_lock) return new IdentitySnapshot(_states.ToDictionary(kv => kv.Key, kv => kv.Value.Directory, StringComparer.Ordinal));
    }

    /// <summary>Takes a full read; parts it could not read keep their last-known values, marked Stale.</summary>
    public void ApplyRead(string idpKey, IdentityRead read, DateTimeOffset now)
    {
        IdentityDelta delta;
        lock (_lock)
        {
            var before = _states.GetValueOrDefault(idpKey);
            var directory = UnchangedUsers.Reuse(before?.Directory, Merge(before?.Directory, read));
            var problem = string.Join("; ", new[] { read.UsersProblem, read.AssignmentsProblem }
                .Concat(read.Groups.Where(g => g.Outcome is GroupLookupOutcome.LookupFailed or GroupLookupOutcome.MembersUnreadable).Select(g => g.Problem))
                .Where(p => !string.IsNullOrEmpty(p)));
            var complete = problem.Length == 0;
            _states[idpKey] = new IdpState(directory, read.Groups, now, complete ? now : before?.LastContact, complete ? null : problem);
            delta = DirectoryDiff.Of(idpKey, before?.Directory ?? IdpDirectory.Unreadable(read.Directory.Name), directory);
        }

        Raise(idpKey, delta);
    }

    /// <summary>
    /// Takes the groups of a first full read that is still listing users (a cold start): the teams can be planned now;
    /// the users are not known yet, so nothing is removed on their account, and the state has no full read yet.
    /// Ignored once the IdP has a full read: a later read never turns what is known into not-yet-known; a later part of
    /// the same first read replaces the earlier one.
    /// </summary>
    public void ApplyGroupsFirst(string idpKey, IdentityRead read, DateTimeOffset now)
    {
        IdentityDelta delta;
        lock (_lock)
        {
            var before = _states.GetValueOrDefault(idpKey);
            if (before is { LastFullRead: not null } or { Directory.UsersKnown: true } || read.Directory.UsersKnown)
            {
                return;
            }

            var problem = string.Join("; ", new[] { read.AssignmentsProblem }
                .Concat(read.Groups.Where(g => g.Outcome is GroupLookupOutcome.LookupFailed or GroupLookupOutcome.MembersUnreadable).Select(g => g.Problem))
                .Where(p => !string.IsNullOrEmpty(p)));
            var directory = UnchangedUsers.Reuse(before?.Directory, read.Directory);
            _states[idpKey] = new IdpState(directory, read.Groups, null, problem.Length == 0 ? now : null, problem.Length == 0 ? null : problem);
            delta = DirectoryDiff.Of(idpKey, before?.Directory ?? IdpDirectory.Unreadable(read.Directory.Name), directory);
        }

        Raise(idpKey, delta);
    }

    /// <summary>
    /// Takes a read of newly bound groups: they join the directory (their members' users too, where the directory has
    /// none yet), and their lookups replace any earlier ones for the same references; everything else stays as it was.
    /// </summary>
    public void ApplyGroups(string idpKey, GroupsRead read)
    {
        IdentityDelta delta;
        lock (_lock)
        {
            if (!_states.TryGetValue(idpKey, out var before))
            {
                return; // nothing read yet: the first full read reads these groups too
            }

            var users = before.Directory.Users;
            if (read.Members.Any(m => !users.ContainsKey(m.Id)))
            {
                var added = new Dictionary<string, IdpUser>(users, StringComparer.Ordinal);
                foreach (var member in read.Members)
                {
                    added.TryAdd(member.Id, member);
                }

                users = added;
            }

            var groups = new Dictionary<string, IdpGroup>(before.Directory.Groups, StringComparer.Ordinal);
            foreach (var (id, group) in read.Groups)
            {
                groups[id] = group;
            }

            var references = read.Lookups.Select(l => l.Reference).ToHashSet();
            var lookups = before.Groups.Where(g => !references.Contains(g.Reference)).Concat(read.Lookups).ToList();
            var problems = read.Lookups.Where(g => g.Outcome is GroupLookupOutcome.LookupFailed or GroupLookupOutcome.MembersUnreadable).Select(g => g.Problem);
            var problem = string.Join("; ", new[] { before.Problem }.Concat(problems).Where(p => !string.IsNullOrEmpty(p)));
            var directory = before.Directory with { Users = users, Groups = groups };
            _states[idpKey] = before with { Directory = directory, Groups = lookups, Problem = problem.Length == 0 ? null : problem };
            delta = DirectoryDiff.Of(idpKey, before.Directory, directory);
        }

        Raise(idpKey, delta);
    }

    /// <summary>Takes an incremental update (users first, then groups, as <see cref="IdentityUpdate"/> orders them).</summary>
    public void ApplyUpdate(string idpKey, IdentityUpdate update, DateTimeOffset now)
    {
        IdentityDelta delta;
        var recovered = false;
        lock (_lock)
        {
            if (!_states.TryGetValue(idpKey, out var before))
            {
                return; // a poll before the first full read has nothing to apply to
            }

            var directory = update.ApplyTo(before.Directory);
            var usersLeft = update.Users.Where(u => u.Lifecycle == UserLifecycle.Deleted).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
            if (usersLeft.Count > 0)
            {
                directory = directory with { Users = directory.Users.Where(kv => !usersLeft.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal) };
            }

            _states[idpKey] = before with { Directory = directory, LastContact = now, Problem = null };
            delta = DirectoryDiff.Of(idpKey, before.Directory, directory);
            recovered = before.Problem is not null;
            if (usersLeft.Count > 0)
            {
                delta = delta with { Users = [.. delta.Users.Where(u => !usersLeft.Contains(u.Id)), .. update.Users.Where(u => usersLeft.Contains(u.Id))] };
            }
        }

        Raise(idpKey, delta, touched: recovered || !delta.IsEmpty);
    }

    /// <summary>
    /// The IdP could not be asked: last-known membership stays, marked Stale, with the reason. Marking it again for the
    /// same reason changes nothing and raises nothing: <see cref="Touched"/> enqueues the IdentityProvider, whose
    /// reconcile marks it again while its credentials are missing, and must not turn that into a loop.
    /// </summary>
    public void MarkUnreachable(string idpKey, string directoryName, string problem)
    {
        IdentityDelta delta;
        lock (_lock)
        {
            var before = _states.GetValueOrDefault(idpKey);
            if (before is not null && before.Problem == problem && !before.Directory.Groups.Values.Any(g => g.State == MembershipState.Known))
            {
                return;
            }

            if (before is null)
            {
                _states[idpKey] = new IdpState(IdpDirectory.Unreadable(directoryName), [], null, null, problem);
                delta = new IdentityDelta(idpKey, [], [], false, []);
            }
            else
            {
                var groups = before.Directory.Groups.ToDictionary(
                    kv => kv.Key,
                    kv => kv.Value.State == MembershipState.Known ? kv.Value with { State = MembershipState.Stale } : kv.Value,
                    StringComparer.Ordinal);
                var directory = before.Directory with { Groups = groups };
                _states[idpKey] = before with { Directory = directory, Problem = problem };
                delta = DirectoryDiff.Of(idpKey, before.Directory, directory);
            }
        }

        Raise(idpKey, delta);
    }

    /// <summary>Forgets an IdentityProvider that was deleted; its teams become Unknown (never empty).</summary>
    public void Remove(string idpKey)
    {
        lock (_lock)
        {
            _states.Remove(idpKey);
        }

        Touched?.Invoke(idpKey);
    }

    private void Raise(string idpKey, IdentityDelta delta, bool touched = true)
    {
        if (!delta.IsEmpty)
        {
            Changed?.Invoke(delta);
        }

        if (touched)
        {
            Touched?.Invoke(idpKey);
        }
    }

    private static IdpDirectory Merge(IdpDirectory? before, IdentityRead read)
    {
        var fresh = read.Directory;
        if (before is null)
        {
            return fresh;
        }

        var groups = new Dictionary<string, IdpGroup>(fresh.Groups, StringComparer.Ordinal);
        foreach (var (id, group) in fresh.Groups)
        {
            if (group.State == MembershipState.Unknown && before.Groups.TryGetValue(id, out var known) && known.State != MembershipState.Unknown)
            {
                groups[id] = known with { State = MembershipState.Stale };
            }
        }

        // A group whose lookup failed is not in the fresh read at all: keep what was known of it, as Stale.
        foreach (var lookup in read.Groups.Where(g => g.Outcome == GroupLookupOutcome.LookupFailed))
        {
            var known = before.Groups.Values.FirstOrDefault(g => g.Id == lookup.Reference.Id || (lookup.Reference.Id is null && g.DisplayName == lookup.Reference.DisplayName));
            if (known is not null && known.State != MembershipState.Unknown && !groups.ContainsKey(known.Id))
            {
                groups[known.Id] = known with { State = MembershipState.Stale };
            }
        }

        if (!fresh.UsersKnown && before.UsersKnown)
        {
            // Lifecycles are last-known only: nobody loses access on their account until users are read again.
            foreach (var (id, group) in groups.Where(kv => kv.Value.State == MembershipState.Known).ToList())
            {
                groups[id] = group with { State = MembershipState.Stale };
            }
        }

        return fresh with
        {
            UsersKnown = fresh.UsersKnown || before.UsersKnown,
            Users = fresh.UsersKnown ? fresh.Users : before.Users,
            Groups = groups,
            AssignmentsKnown = fresh.AssignmentsKnown || before.AssignmentsKnown,
            Assignments = fresh.AssignmentsKnown ? fresh.Assignments : before.Assignments,
        };
    }
}
