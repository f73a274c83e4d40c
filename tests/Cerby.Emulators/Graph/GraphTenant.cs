namespace Cerby.Emulators.Graph;

/// <summary>
/// The emulated tenant's directory and the test-facing API that changes it: users (disable, delete, attributes),
/// groups (members, nesting, rename, delete) and enterprise apps (app roles, assignments). Every change that delta
/// queries report goes into an ordered change log. Ids are GUIDs, like Entra object ids.
/// </summary>
internal sealed class GraphTenant(TimeProvider time)
{
    private readonly Dictionary<string, GraphUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GraphGroup> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GraphServicePrincipal> _apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GraphChange> _changes = [];

    public TimeProvider Time { get; } = time;

    /// <summary>Held while reading or changing the tenant.</summary>
    public Lock Sync { get; } = new();

    /// <summary>The position of the last change (0 before any).</summary>
    public long Sequence
    {
        get
        {
            lock (Sync)
            {
                return _changes.Count;
            }
        }
    }

    public string CreateUser(string userPrincipalName, bool accountEnabled = true, params (string Name, string? Value)[] attributes)
    {
        lock (Sync)
        {
            var user = new GraphUser(NewId(), userPrincipalName) { AccountEnabled = accountEnabled };
            user.Attributes["mail"] = userPrincipalName;
            user.Attributes["displayName"] = userPrincipalName.Split('@')[0];
            foreach (var (name, value) in attributes)
            {
                user.Attributes[name] = value;
            }

            _users[user.Id] = user;
            Log(GraphChangeKind.UserChanged, user.Id);
            return user.Id;
        }
    }

    /// <summary>Sets a string property (department, jobTitle, mail, displayName, …; userPrincipalName too); null clears it.</summary>
    public void UpdateUser(string userId, string attribute, string? value)
    {
        lock (Sync)
        {
            var user = LiveUser(userId);
            if (attribute == "userPrincipalName")
            {
                user.UserPrincipalName = value ?? throw new ArgumentNullException(nameof(value));
            }
            else
            {
                user.Attributes[attribute] = value;
            }

            Log(GraphChangeKind.UserChanged, userId);
        }
    }

    public void Disable(string userId) => SetEnabled(userId, false);

    public void Enable(string userId) => SetEnabled(userId, true);

    /// <summary>Soft-deletes the user: gone from /users and from every group (each group's delta reports the member removed).</summary>
    public void DeleteUser(string userId)
    {
        lock (Sync)
        {
            var user = LiveUser(userId);
            user.DeletedFrom.Clear();
            foreach (var group in _groups.Values.Where(g => g.Members.Contains(userId, StringComparer.OrdinalIgnoreCase)))
            {
                group.Members.RemoveAll(m => string.Equals(m, userId, StringComparison.OrdinalIgnoreCase));
                user.DeletedFrom.Add(group.Id);
                Log(GraphChangeKind.MemberRemoved, group.Id, userId);
            }

            user.Deleted = true;
            Log(GraphChangeKind.UserRemoved, userId);
        }
    }

    /// <summary>Restores a soft-deleted user (POST /directory/deletedItems/{id}/restore) with the group memberships they had.</summary>
    public void RestoreUser(string userId)
    {
        lock (Sync)
        {
            var user = FindAnyUser(userId) is { Deleted: true } deleted ? deleted : throw new ArgumentException($"no deleted user {userId}", nameof(userId));
            user.Deleted = false;
            Log(GraphChangeKind.UserChanged, userId);
            foreach (var group in user.DeletedFrom.Select(FindLiveGroup).OfType<GraphGroup>())
            {
                group.Members.Add(userId);
                Log(GraphChangeKind.MemberAdded, group.Id, userId);
            }

            user.DeletedFrom.Clear();
        }
    }

    public string CreateGroup(string displayName)
    {
        lock (Sync)
        {
            var group = new GraphGroup(NewId(), displayName);
            _groups[group.Id] = group;
            Log(GraphChangeKind.GroupChanged, group.Id);
            return group.Id;
        }
    }

    public void RenameGroup(string groupId, string displayName)
    {
        lock (Sync)
        {
            LiveGroup(groupId).DisplayName = displayName;
            Log(GraphChangeKind.GroupChanged, groupId);
        }
    }

    public void DeleteGroup(string groupId)
    {
        lock (Sync)
        {
            LiveGroup(groupId).Deleted = true;
            Log(GraphChangeKind.GroupRemoved, groupId);
        }
    }

    /// <summary>Adds a user or a group (nesting) as a direct member.</summary>
    public void AddMember(string groupId, string memberId)
    {
        lock (Sync)
        {
            var group = LiveGroup(groupId);
            _ = FindLiveUser(memberId) ?? (object?)FindLiveGroup(memberId) ?? throw new ArgumentException($"no user or group {memberId}", nameof(memberId));
            if (!group.Members.Contains(memberId, StringComparer.OrdinalIgnoreCase))
            {
                group.Members.Add(memberId);
                Log(GraphChangeKind.MemberAdded, groupId, memberId);
            }
        }
    }

    public void RemoveMember(string groupId, string memberId)
    {
        lock (Sync)
        {
            if (LiveGroup(groupId).Members.RemoveAll(m => string.Equals(m, memberId, StringComparison.OrdinalIgnoreCase)) > 0)
            {
                Log(GraphChangeKind.MemberRemoved, groupId, memberId);
            }
        }
    }

    /// <summary>Creates an enterprise app (service principal) with app roles of the given values; returns the service principal id.</summary>
    public string CreateApp(string displayName, params string[] roleValues)
    {
        lock (Sync)
        {
            var app = new GraphServicePrincipal(NewId(), NewId(), displayName);
            app.AppRoles.AddRange(roleValues.Select(v => new GraphAppRole(Guid.NewGuid(), v)));
            _apps[app.Id] = app;
            return app.Id;
        }
    }

    /// <summary>Assigns a user to the app, with the app role of value <paramref name="role"/> or the default access role.</summary>
    public string AssignUser(string appId, string userId, string? role = null)
    {
        lock (Sync)
        {
            var user = LiveUser(userId);
            return Assign(appId, userId, "User", user.Attributes.GetValueOrDefault("displayName") ?? user.UserPrincipalName, role);
        }
    }

    /// <summary>Assigns a group to the app: every member of the group is assigned.</summary>
    public string AssignGroup(string appId, string groupId, string? role = null)
    {
        lock (Sync)
        {
            return Assign(appId, groupId, "Group", LiveGroup(groupId).DisplayName, role);
        }
    }

    /// <summary>Removes every assignment of the user or group to the app.</summary>
    public void Unassign(string appId, string principalId)
    {
        lock (Sync)
        {
            App(appId).Assignments.RemoveAll(a => string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase));
        }
    }

    // Reads, for the endpoints; callers hold Sync.
    internal IEnumerable<GraphUser> LiveUsers => _users.Values.Where(u => !u.Deleted);

    internal IEnumerable<GraphUser> DeletedUsers => _users.Values.Where(u => u.Deleted);

    internal IEnumerable<GraphGroup> LiveGroups => _groups.Values.Where(g => !g.Deleted);

    internal GraphUser? FindLiveUser(string id) => _users.TryGetValue(id, out var user) && !user.Deleted ? user : null;

    internal GraphUser? FindAnyUser(string id) => _users.GetValueOrDefault(id);

    internal GraphGroup? FindLiveGroup(string id) => _groups.TryGetValue(id, out var group) && !group.Deleted ? group : null;

    internal GraphGroup? FindAnyGroup(string id) => _groups.GetValueOrDefault(id);

    internal GraphServicePrincipal? FindApp(string id) => _apps.GetValueOrDefault(id);

    /// <summary>Members at any depth (users and nested groups), each once, cycles tolerated.</summary>
    internal IReadOnlyList<string> TransitiveMembers(GraphGroup group)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { group.Id };
        var result = new List<string>();
        var queue = new Queue<GraphGroup>([group]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var member in next.Members.Where(seen.Add))
            {
                result.Add(member);
                if (FindLiveGroup(member) is { } nested)
                {
                    queue.Enqueue(nested);
                }
            }
        }

        return result;
    }

    /// <summary>Changes after position <paramref name="since"/>, in order.</summary>
    internal IEnumerable<GraphChange> ChangesSince(long since) => _changes.Skip((int)Math.Min(since, _changes.Count));

    private string Assign(string appId, string principalId, string type, string name, string? role)
    {
        var app = App(appId);
        var roleId = role is null ? Guid.Empty : app.AppRoles.FirstOrDefault(r => r.Value == role)?.Id ?? throw new ArgumentException($"the app has no role {role}", nameof(role));
        var assignment = new GraphAssignment(NewId(), principalId, type, name, roleId, Time.GetUtcNow());
        app.Assignments.Add(assignment);
        return assignment.Id;
    }

    private void SetEnabled(string userId, bool enabled)
    {
        lock (Sync)
        {
            LiveUser(userId).AccountEnabled = enabled;
            Log(GraphChangeKind.UserChanged, userId);
        }
    }

    private GraphUser LiveUser(string id) => FindLiveUser(id) ?? throw new ArgumentException($"no user {id}", nameof(id));

    private GraphGroup LiveGroup(string id) => FindLiveGroup(id) ?? throw new ArgumentException($"no group {id}", nameof(id));

    private GraphServicePrincipal App(string id) => FindApp(id) ?? throw new ArgumentException($"no service principal {id}", nameof(id));

    private void Log(GraphChangeKind kind, string objectId, string? memberId = null) => _changes.Add(new GraphChange(_changes.Count + 1, kind, objectId, memberId));

    private static string NewId() => Guid.NewGuid().ToString();
}
