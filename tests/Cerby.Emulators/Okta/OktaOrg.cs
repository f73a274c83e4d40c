using System.Globalization;

namespace Cerby.Emulators.Okta;

/// <summary>
/// The emulated org's state, and the control API tests drive it with. Every change appends the System Log event Okta
/// would write (eventType, target list with User/UserGroup/AppInstance, actor, uuid, published).
/// Thread-safe: one lock guards everything.
/// </summary>
internal sealed class OktaOrg(TimeProvider time)
{
    public const string AdminId = "00uadmin000000000000";
    public const string AdminLogin = "admin@example.com";

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, OktaUserEntity> _users = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OktaGroupEntity> _groups = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OktaAppEntity> _apps = new(StringComparer.Ordinal);
    private readonly List<OktaLogEntry> _log = [];
    private long _nextId;

    public TimeProvider Time { get; } = time;

    /// <summary>Called with every event appended to the System Log, under the org's lock: it must only queue.</summary>
    public Action<OktaLogEntry>? Appended { get; set; }

    public string CreateUser(string login, string status = "ACTIVE", params (string Name, string? Value)[] profile)
    {
        lock (_lock)
        {
            var user = new OktaUserEntity(NewId("00u"), Time.GetUtcNow()) { Status = status };
            user.Profile["login"] = login;
            user.Profile["email"] = login;
            foreach (var (name, value) in profile)
            {
                user.Profile[name] = value;
            }

            _users[user.Id] = user;
            Append("user.lifecycle.create", "Create Okta user", UserTarget(user));
            if (status == "ACTIVE")
            {
                Append("user.lifecycle.activate", "Activate Okta user", UserTarget(user));
            }

            return user.Id;
        }
    }

    public string CreateGroup(string name)
    {
        lock (_lock)
        {
            var group = new OktaGroupEntity(NewId("00g"), name, Time.GetUtcNow());
            _groups[group.Id] = group;
            Append("group.lifecycle.create", "Create Okta group", GroupTarget(group));
            return group.Id;
        }
    }

    public string CreateApp(string label)
    {
        lock (_lock)
        {
            var app = new OktaAppEntity(NewId("0oa"), label);
            _apps[app.Id] = app;
            Append("application.lifecycle.create", "Create application", AppTarget(app));
            return app.Id;
        }
    }

    public void AddToGroup(string groupId, string userId) => ChangeMembership(groupId, userId, add: true);

    public void RemoveFromGroup(string groupId, string userId) => ChangeMembership(groupId, userId, add: false);

    public void Activate(string userId) => ChangeStatus(userId, "ACTIVE", "user.lifecycle.activate", "Activate Okta user");

    public void Suspend(string userId) => ChangeStatus(userId, "SUSPENDED", "user.lifecycle.suspend", "Suspend Okta user");

    public void Unsuspend(string userId) => ChangeStatus(userId, "ACTIVE", "user.lifecycle.unsuspend", "Unsuspend Okta user");

    /// <summary>Deactivates (DEPROVISIONED): group memberships stay, every app assignment of the user goes, as in Okta.</summary>
    public void Deactivate(string userId)
    {
        lock (_lock)
        {
            var user = User(userId);
            foreach (var app in _apps.Values.Where(a => a.Users.Remove(userId)))
            {
                Append("application.user_membership.remove", "Remove user from application membership", UserTarget(user), AppTarget(app));
            }

            ChangeStatus(userId, "DEPROVISIONED", "user.lifecycle.deactivate", "Deactivate Okta user");
        }
    }

    /// <summary>Deletes a deactivated user (Okta refuses to delete an active one); GET then answers 404 E0000007.</summary>
    public void Delete(string userId)
    {
        lock (_lock)
        {
            var user = User(userId);
            if (user.Status != "DEPROVISIONED")
            {
                throw new InvalidOperationException($"user {userId} must be deactivated before it is deleted");
            }

            _users.Remove(userId);
            foreach (var group in _groups.Values)
            {
                group.Members.Remove(userId);
            }

            Append("user.lifecycle.delete.initiated", "Delete Okta user", UserTarget(user));
        }
    }

    /// <summary>Sets (or with null removes) a profile attribute, custom ones included.</summary>
    public void UpdateProfile(string userId, string name, string? value)
    {
        lock (_lock)
        {
            var user = User(userId);
            if (value is null)
            {
                user.Profile.Remove(name);
            }
            else
            {
                user.Profile[name] = value;
            }

            user.LastUpdated = Time.GetUtcNow();
            Append("user.account.update_profile", "Update user profile for Okta", UserTarget(user));
        }
    }

    public void AssignUser(string appId, string userId, params (string Name, string? Value)[] profile)
    {
        lock (_lock)
        {
            var app = App(appId);
            var user = User(userId);
            app.Users[userId] = profile.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            Append("application.user_membership.add", "Add user to application membership", UserTarget(user), AppTarget(app));
        }
    }

    public void UnassignUser(string appId, string userId)
    {
        lock (_lock)
        {
            var app = App(appId);
            if (app.Users.Remove(userId))
            {
                Append("application.user_membership.remove", "Remove user from application membership", UserTarget(User(userId)), AppTarget(app));
            }
        }
    }

    /// <summary>Changes an attribute of a direct assignment's app-user profile.</summary>
    public void UpdateAppUserProfile(string appId, string userId, string name, string? value)
    {
        lock (_lock)
        {
            var app = App(appId);
            var profile = app.Users.TryGetValue(userId, out var found) ? found : throw new KeyNotFoundException($"user {userId} is not assigned to app {appId}");
            profile[name] = value;
            Append("application.user_membership.change_profile", "Change application user profile", UserTarget(User(userId)), AppTarget(app));
        }
    }

    public void AssignGroup(string appId, string groupId, int priority = 0, params (string Name, string? Value)[] profile)
    {
        lock (_lock)
        {
            var app = App(appId);
            var group = Group(groupId);
            app.Groups[groupId] = (priority, profile.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));
            Append("group.application_assignment.add", "Add assigned application to group", GroupTarget(group), AppTarget(app));
        }
    }

    public void UnassignGroup(string appId, string groupId)
    {
        lock (_lock)
        {
            var app = App(appId);
            if (app.Groups.Remove(groupId))
            {
                Append("group.application_assignment.remove", "Remove assigned application from group", GroupTarget(Group(groupId)), AppTarget(app));
            }
        }
    }

    /// <summary>Appends an event of a type the operator does not care about (e.g. user.session.start).</summary>
    public void AppendUnrelatedEvent(string eventType, string userId)
    {
        lock (_lock)
        {
            Append(eventType, eventType, UserTarget(User(userId)));
        }
    }

    /// <summary>Runs <paramref name="read"/> under the lock: the HTTP side's consistent view.</summary>
    public T Read<T>(Func<OktaOrgView, T> read)
    {
        lock (_lock)
        {
            return read(new OktaOrgView(_users, _groups, _apps, _log));
        }
    }

    private void ChangeMembership(string groupId, string userId, bool add)
    {
        lock (_lock)
        {
            var group = Group(groupId);
            var user = User(userId);
            if (add ? group.Members.Add(userId) : group.Members.Remove(userId))
            {
                group.LastMembershipUpdated = Time.GetUtcNow();
                Append(add ? "group.user_membership.add" : "group.user_membership.remove",
                    add ? "Add user to group membership" : "Remove user from group membership", UserTarget(user), GroupTarget(group));
            }
        }
    }

    private void ChangeStatus(string userId, string status, string eventType, string message)
    {
        lock (_lock)
        {
            var user = User(userId);
            user.Status = status;
            user.LastUpdated = Time.GetUtcNow();
            Append(eventType, message, UserTarget(user));
        }
    }

    private void Append(string eventType, string message, params OktaLogEntryTarget[] targets)
    {
        var entry = new OktaLogEntry(_log.Count + 1, Guid.NewGuid().ToString(), Time.GetUtcNow(), eventType, message, targets);
        _log.Add(entry);
        Appended?.Invoke(entry);
    }

    private string NewId(string prefix) => prefix + (++_nextId).ToString("D17", CultureInfo.InvariantCulture);

    private OktaUserEntity User(string id) => _users.TryGetValue(id, out var user) ? user : throw new KeyNotFoundException($"no user {id}");

    private OktaGroupEntity Group(string id) => _groups.TryGetValue(id, out var group) ? group : throw new KeyNotFoundException($"no group {id}");

    private OktaAppEntity App(string id) => _apps.TryGetValue(id, out var app) ? app : throw new KeyNotFoundException($"no app {id}");

    private static OktaLogEntryTarget UserTarget(OktaUserEntity user) =>
        new(user.Id, "User", user.Login, $"{user.Profile.GetValueOrDefault("firstName")} {user.Profile.GetValueOrDefault("lastName")}".Trim());

    private static OktaLogEntryTarget GroupTarget(OktaGroupEntity group) => new(group.Id, "UserGroup", "unknown", group.Name);

    private static OktaLogEntryTarget AppTarget(OktaAppEntity app) => new(app.Id, "AppInstance", app.Label, app.Label);
}

/// <summary>A read-only view of the org, valid only inside <see cref="OktaOrg.Read{T}"/>.</summary>
internal sealed record OktaOrgView(
    IReadOnlyDictionary<string, OktaUserEntity> Users,
    IReadOnlyDictionary<string, OktaGroupEntity> Groups,
    IReadOnlyDictionary<string, OktaAppEntity> Apps,
    IReadOnlyList<OktaLogEntry> Log);
