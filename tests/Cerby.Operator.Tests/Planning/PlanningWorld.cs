using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using k8s.Models;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// A small declarative world for planner tests: one Okta IdP ("okta"), hubs, shares, groups bound to teams, users, and
/// what each app has. Everything lives in namespace "default".
/// </summary>
internal sealed class PlanningWorld
{
    public const string Idp = "okta";
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly List<BusinessHub> _hubs = [];
    private readonly List<TeamShare> _shares = [];
    private readonly List<IdpGroupBinding> _bindings = [];
    private readonly Dictionary<string, IdpUser> _users = [];
    private readonly Dictionary<string, IdpGroup> _groups = [];
    private readonly List<AppAssignment> _assignments = [];
    private readonly Dictionary<string, Dictionary<string, ActualMember>> _apps = [];
    private readonly List<IdpDirectory> _otherDirectories = [];
    private readonly List<AccessReview> _reviews = [];
    private AppIntegration? _integration;
    private bool _usersKnown = true;
    private bool _assignmentsKnown = true;

    /// <summary>A Meta-like hub with Admin > Editor > Viewer; Admin and Editor grant asset tasks.</summary>
    public PlanningWorld Hub(string name = "hub", bool inviteRequired = false, HubPolicy? policy = null, params HubRole[] roles)
    {
        _hubs.Add(new BusinessHub
        {
            Metadata = Meta(name),
            Spec = new BusinessHubSpec
            {
                Connector = new HubConnector { Type = ConnectorType.Meta, BaseUrl = "https://graph.example.test", BusinessId = "1", InviteRequired = inviteRequired, CredentialsSecretRef = new() { Name = "meta" } },
                Roles = roles.Length > 0 ? [.. roles] : [.. DefaultRoles],
                Policy = policy ?? new HubPolicy { RemovalGuard = new RemovalGuard { MaxRemovals = 1000, MaxRemovalsPercent = 100 } },
            },
        });
        _apps.TryAdd(Key(name), []);
        return this;
    }

    public static IReadOnlyList<HubRole> DefaultRoles { get; } =
    [
        new() { Name = "Admin", NativeRole = "ADMIN", AssetTasks = ["MANAGE", "CREATE_CONTENT", "ADVERTISE", "ANALYZE"] },
        new() { Name = "Editor", NativeRole = "EMPLOYEE", AssetTasks = ["CREATE_CONTENT", "ANALYZE"] },
        new() { Name = "Viewer", NativeRole = "ANALYST", AssetTasks = ["ANALYZE"] },
    ];

    public PlanningWorld TeamShare(string name, string team, string role, string hub = "hub", params AssetShare[] assets)
    {
        _shares.Add(new TeamShare { Metadata = Meta(name), Spec = new TeamShareSpec { HubRef = new() { Name = hub }, Subject = new() { Team = team }, Role = role, Assets = [.. assets] } });
        return this;
    }

    public PlanningWorld UserShare(string name, string user, string role, string hub = "hub", params AssetShare[] assets)
    {
        _shares.Add(new TeamShare { Metadata = Meta(name), Spec = new TeamShareSpec { HubRef = new() { Name = hub }, Subject = new() { User = user }, Role = role, Assets = [.. assets] } });
        return this;
    }

    public PlanningWorld RawShare(TeamShare share)
    {
        _shares.Add(share);
        return this;
    }

    /// <summary>A share of a team with extra spec fields (expiry, scope), created at <paramref name="created"/> (default: an hour before Now).</summary>
    public PlanningWorld TeamShare(string name, string team, string role, Func<TeamShareSpec, TeamShareSpec> with, DateTimeOffset? created = null)
    {
        var meta = Meta(name);
        meta.CreationTimestamp = (created ?? Now.AddHours(-1)).UtcDateTime;
        _shares.Add(new TeamShare { Metadata = meta, Spec = with(new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = team }, Role = role }) });
        return this;
    }

    /// <summary>An AccessReview of namespace "default" (with its status as the operator wrote it).</summary>
    public PlanningWorld Review(string name, AccessReviewSpec spec, AccessReviewStatus? status = null)
    {
        _reviews.Add(new AccessReview { Metadata = Meta(name), Spec = spec, Status = status });
        return this;
    }

    /// <summary>A user; the id is derived from the name ("alice" → 00ualice), the email is name@example.com.</summary>
    public PlanningWorld User(string name, UserLifecycle lifecycle = UserLifecycle.Active, params (string Key, string Value)[] profile)
    {
        _users[UserId(name)] = new IdpUser(UserId(name), Email(name), lifecycle, profile.ToDictionary(p => p.Key, p => p.Value));
        return this;
    }

    public PlanningWorld Users(params string[] names)
    {
        foreach (var name in names)
        {
            User(name);
        }

        return this;
    }

    /// <summary>Removes a user from the directory, as a delete in the IdP does; group member lists may still name them.</summary>
    public PlanningWorld DeleteUser(string name)
    {
        _users.Remove(UserId(name));
        return this;
    }

    /// <summary>An IdP group named after the team, bound to it, with these members.</summary>
    public PlanningWorld Group(string team, params string[] members) => Group(team, MembershipState.Known, Now, members);

    public PlanningWorld Group(string team, MembershipState state, DateTimeOffset? knownAt, params string[] members)
    {
        var id = GroupId(team);
        _groups[id] = new IdpGroup(id, team, state, members.Select(UserId).ToList(), knownAt);
        if (!_bindings.Any(b => b.Spec.Team == team))
        {
            Bind(team, new IdpGroupReference { Id = id });
        }

        return this;
    }

    public PlanningWorld Bind(string team, IdpGroupReference group)
    {
        _bindings.Add(new IdpGroupBinding { Metadata = Meta($"{team}-{_bindings.Count}"), Spec = new IdpGroupBindingSpec { IdentityProviderRef = new() { Name = Idp }, Group = group, Team = team } });
        return this;
    }

    /// <summary>Another IdP's directory, keyed "namespace/name" (e.g. an unread scim IdP of another namespace).</summary>
    public PlanningWorld OtherDirectory(IdpDirectory directory)
    {
        _otherDirectories.Add(directory);
        return this;
    }

    public PlanningWorld UsersUnreadable()
    {
        _usersKnown = false;
        return this;
    }

    public PlanningWorld AssignmentsUnreadable()
    {
        _assignmentsKnown = false;
        return this;
    }

    /// <summary>An IdLCM app integration of the IdP granting <paramref name="role"/> on the hub.</summary>
    public PlanningWorld AppIntegration(string role, string? roleAttribute = null, params (string Idp, string App)[] mappings)
    {
        _integration = new AppIntegration
        {
            AppId = "0oa-app",
            HubRef = new() { Name = "hub" },
            Role = role,
            RoleAttribute = roleAttribute,
            AttributeMappings = [.. mappings.Select(m => new AttributeMapping { IdpAttribute = m.Idp, AppAttribute = m.App })],
        };
        return this;
    }

    public PlanningWorld AssignUser(string name, params (string Key, string Value)[] profile)
    {
        _assignments.Add(new AppAssignment(UserId(name), null, profile.ToDictionary(p => p.Key, p => p.Value)));
        return this;
    }

    public PlanningWorld AssignGroup(string team)
    {
        _assignments.Add(new AppAssignment(null, GroupId(team), new Dictionary<string, string>()));
        return this;
    }

    /// <summary>A member the app has.</summary>
    public PlanningWorld InApp(string name, string nativeRole, MemberState state = MemberState.Active, bool managed = true, string hub = "hub",
        IReadOnlyList<AppAsset>? assets = null, IReadOnlyDictionary<string, string>? attributes = null, bool inviteExpired = false)
    {
        var email = Email(name);
        _apps[Key(hub)][UserKey.Of(email)] = new ActualMember(UserKey.Of(email), email, "app-" + name, nativeRole, state, managed, assets ?? [], attributes ?? new Dictionary<string, string>(), inviteExpired);
        return this;
    }

    public AccessModel Model() => Model(Now);

    public AccessModel Model(DateTimeOffset now)
    {
        var idp = new IdentityProvider
        {
            Metadata = Meta(Idp),
            Spec = new IdentityProviderSpec { Type = IdentityProviderType.Okta, Okta = new OktaSettings { OrgUrl = "https://example.okta.com" }, CredentialsSecretRef = new() { Name = "okta" }, AppIntegration = _integration },
        };
        var directory = new IdpDirectory(Key(Idp), _usersKnown, new Dictionary<string, IdpUser>(_users), new Dictionary<string, IdpGroup>(_groups), _assignmentsKnown, [.. _assignments]);
        var directories = new Dictionary<string, IdpDirectory> { [directory.Name] = directory };
        foreach (var other in _otherDirectories)
        {
            directories[other.Name] = other;
        }

        var identity = new IdentitySnapshot(directories);
        return AccessModel.Build(new DeclaredState(_hubs, _shares, _bindings, [idp], _reviews), identity, now);
    }

    public ActualAccess Actual(string hub = "hub") => new(Key(hub), _apps[Key(hub)]);

    public AccessPlan Plan(string hub = "hub", string? approvedRemovalsHash = null, string? approvedDriftHash = null, DateTimeOffset? at = null)
    {
        var model = Model(at ?? Now);
        return AccessPlanner.Plan(model.Hubs[Key(hub)], model.Desired(Key(hub)), Actual(hub), approvedRemovalsHash, approvedDriftHash);
    }

    public static string UserId(string name) => "00u" + name;

    public static string GroupId(string team) => "00g" + team;

    public static string Email(string name) => name + "@example.com";

    public static string Key(string name) => "default/" + name;

    private static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = "default" };
}

/// <summary>Assertions on plans that read like the behaviour they check.</summary>
internal static class PlanAssert
{
    public static AccessChange Single(this AccessPlan plan, AccessChangeKind kind, string user)
    {
        var matches = plan.Changes.Where(c => c.Kind == kind && c.Email == PlanningWorld.Email(user)).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind} for {user}, plan was:\n{Describe(plan)}");
        return matches[0];
    }

    public static void NoChangeFor(this AccessPlan plan, string user) =>
        Assert.True(plan.Changes.All(c => c.Email != PlanningWorld.Email(user)), $"expected no change for {user}, plan was:\n{Describe(plan)}");

    public static void OnlyChanges(this AccessPlan plan, params (AccessChangeKind Kind, string User)[] expected) =>
        Assert.True(
            plan.Changes.Select(c => (c.Kind, c.Email)).OrderBy(x => x.ToString()).SequenceEqual(expected.Select(e => (e.Kind, PlanningWorld.Email(e.User))).OrderBy(x => x.ToString())),
            $"expected exactly [{string.Join(", ", expected)}], plan was:\n{Describe(plan)}");

    public static string Describe(AccessPlan plan) =>
        string.Join("\n", plan.Changes.Select(c => "  " + c)) +
        (plan.HeldRemovals.Count > 0 ? "\n held: " + string.Join("; ", plan.HeldRemovals) : "") +
        (plan.Withheld.Count > 0 ? "\n withheld: " + string.Join("; ", plan.Withheld) : "") +
        (plan.Drift.Count > 0 ? "\n drift: " + string.Join("; ", plan.Drift.Select(d => d.Change)) : "");
}
