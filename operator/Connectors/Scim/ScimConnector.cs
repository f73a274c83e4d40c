using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// A business hub backed by any SCIM 2.0 app (RFC 7643/7644). The <see cref="HttpClient"/> has the hub's base URL
/// (ending in "/") as BaseAddress and carries the bearer token itself (<see cref="EdgeClients.Create"/>), so
/// this class never sees it. Reads /ServiceProviderConfig once, then users (and in groups mode, groups) page by page.
/// Writes: one change costs a read of the user (to answer AlreadyInPlace and to get its version) and at most one
/// write, PATCH when the app supports it, else PUT of the whole user with If-Match when it offers ETags. With role
/// mapping "groups" a change can need several SCIM operations (an add is POST /Users plus joining the role group, the
/// group referring to the new user by bulkId; a role move joins one group and leaves another): they go as one /Bulk
/// call when the app supports /Bulk, and only an app without /Bulk sees them as separate calls (two for an add or a
/// move from one role group).
/// </summary>
internal sealed class ScimConnector : IAppConnector
{
    private readonly ScimConnectorOptions options;
    private readonly ScimApi api;
    private readonly ScimListReader lists;
    private readonly ScimRoleGroups? roleGroups;
    private readonly ScimBulk bulk;
    private readonly IReadOnlyList<ScimMappedAttribute> mappedAttributes;
    private ScimCapabilities? capabilities;

    public ScimConnector(HttpClient http, ScimConnectorOptions options, TimeProvider time)
    {
        if (http.BaseAddress is not { } baseAddress || !baseAddress.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException("the HttpClient needs the hub's base URL, ending in '/', as BaseAddress", nameof(http));
        }

        if (options.RoleMapping == ScimRoleMapping.Groups && options.NativeRolesByRank.Count == 0)
        {
            throw new ArgumentException("role mapping 'groups' needs the hub's native roles", nameof(options));
        }

        this.options = options;
        api = new ScimApi(new ConnectorSender(http, options.Retry ?? EdgePolicy.Default, StatusRules.Instance, time));
        lists = new ScimListReader(api);
        bulk = new ScimBulk(api);
        roleGroups = options.RoleMapping == ScimRoleMapping.Groups ? new ScimRoleGroups(api, lists, options.NativeRolesByRank) : null;
        mappedAttributes = options.AttributePaths.Select(ScimMappedAttribute.Parse).ToList();
    }

    public async Task<ActualAccess> ReadAsync(CancellationToken cancellationToken)
    {
        var calls = new CallTally();
        var supports = await CapabilitiesAsync(calls, cancellationToken);
        var pageSize = supports.PageSize(options.PageSize);
        // Each user becomes its member as its page arrives; a role held in role groups is set once those are read.
        var read = await lists.ReadAllAsync("Users", pageSize, calls, resource => MemberOf(ScimUser.Parse(resource, problem => Invalid("reading Users", problem))), cancellationToken);
        var groupRoles = roleGroups is null ? null : await roleGroups.ReadRolesAsync(supports.GroupPageSize(options.PageSize), calls, cancellationToken);

        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        foreach (var (userName, member) in read)
        {
            var withRole = groupRoles is null ? member : member with { NativeRole = groupRoles.GetValueOrDefault(member.AppUserId ?? "") };
            if (!members.TryAdd(member.Key, withRole))
            {
                throw Invalid("reading Users", $"two users have the userName {userName} (ignoring case)");
            }
        }

        return new ActualAccess(options.Hub, members);
    }

    /// <summary>
    /// One <c>GET Users?filter=userName eq "…"</c> per user. With role mapping "groups" a user's role lives in the role
    /// groups, so those hubs read the whole app instead.
    /// </summary>
    public async Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken)
    {
        if (roleGroups is not null)
        {
            return await MemberReads.ByFullReadAsync(this, users, cancellationToken);
        }

        var calls = new CallTally();
        var found = new Dictionary<string, ActualMember?>(StringComparer.Ordinal);
        foreach (var lookup in users)
        {
            var user = await FindByUserNameAsync(lookup.Email, calls, cancellationToken);
            found[lookup.Key] = user is null ? null : MemberOf(user, user.Role);
        }

        return new MemberRead(found, null);
    }

    /// <inheritdoc />
    public bool WritesUsersIndependently => roleGroups is null;

    public Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken) => change.Kind switch
    {
        AccessChangeKind.Invite or AccessChangeKind.CancelInvite => throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"{change.Kind} {change.Email}: SCIM apps have no invites; a SCIM hub must not set inviteRequired"),
        AccessChangeKind.GrantAsset or AccessChangeKind.RevokeAsset => throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"{change.Kind} {change.Email}: SCIM apps have no assets; shares of a SCIM hub must not name assets"),
        AccessChangeKind.Add => AddAsync(change, cancellationToken),
        AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole => UpdateAsync(change, active: null, change.NativeRole ?? throw MissingRole(change), cancellationToken),
        AccessChangeKind.UpdateAttributes => UpdateAsync(change, active: null, role: null, cancellationToken),
        AccessChangeKind.Suspend => UpdateAsync(change, active: false, role: null, cancellationToken),
        AccessChangeKind.Remove => RemoveAsync(change, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change kind"),
    };

    private async Task<ApplyResult> AddAsync(AccessChange change, CancellationToken cancellationToken)
    {
        var role = change.NativeRole ?? throw MissingRole(change);
        var calls = new CallTally();
        if (change.AppUserId is not null)
        {
            // A suspended member: reactivate it and set the role.
            return await UpdateAsync(change, active: true, role, cancellationToken, calls);
        }

        try
        {
            return await CreateAsync(change, role, calls, cancellationToken);
        }
        catch (ConnectorException lost) when (lost.OutcomeUnknown)
        {
            return await ResolveLostCreateAsync(change, role, lost, calls, cancellationToken);
        }
    }

    private async Task<ApplyResult> CreateAsync(AccessChange change, string role, CallTally calls, CancellationToken cancellationToken)
    {
        var create = new ScimWrite(HttpMethod.Post, "Users", ScimNewUser.Body(change, role, options.RoleMapping),
            $"POST Users {change.Email}" + (roleGroups is null ? $" roles=[{role}]" : ""), BulkId: "user");
        if (roleGroups is not null && (await CapabilitiesAsync(calls, cancellationToken)).Bulk)
        {
            var writes = (IReadOnlyList<ScimWrite>)[create, .. await roleGroups.PlanMoveAsync("bulkId:user", [], role, calls, cancellationToken)];
            var results = await bulk.SendAsync(writes, calls, cancellationToken);
            if (results.Count > 0 && results[0].Status == 409)
            {
                return await AdoptAsync(change, role, results[0].Failure(), calls, cancellationToken);
            }

            ScimBulk.EnsureAll(results, writes.Count);
            return new ApplyResult(ApplyOutcome.Applied, $"POST Bulk: {string.Join("; ", writes.Select(w => w.Description))}", calls.Count);
        }

        var created = await api.SendAsync(create.Method, create.Path, create.Body, calls, cancellationToken);
        if (created.Status == 409)
        {
            return await AdoptAsync(change, role, created.Failure(), calls, cancellationToken);
        }

        var user = ScimUser.Parse(created.EnsureSucceeded().Body, problem => Invalid("POST Users", problem));
        var moves = roleGroups is null ? [] : await SendAsync(await PlanMoveAsync(user, role, calls, cancellationToken), calls, cancellationToken);
        return new ApplyResult(ApplyOutcome.Applied, string.Join("; ", [$"{create.Description} ({user.Id})", .. moves]), calls.Count);
    }

    /// <summary>
    /// The create was sent but its answer was lost: it is never sent again blindly. A read by userName decides: the user
    /// the operator created (carrying its externalId) is finished (role, group) like any existing user; a user someone else
    /// created is adopted; no user means the app did not act yet, and the outcome stays unknown until the next sync reads.
    /// </summary>
    private async Task<ApplyResult> ResolveLostCreateAsync(AccessChange change, string role, ConnectorException lost, CallTally calls, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(change, calls, cancellationToken)
            ?? throw new ConnectorException(lost.Kind, $"{lost.Message}; a read by userName shows no such user yet, so the outcome stays unknown until the next sync reads the app",
                lost.StatusCode, lost.AppErrorCode, lost, outcomeUnknown: true);
        var ensured = await EnsureAsync(change, existing, active: true, role, calls, cancellationToken);
        var ours = string.Equals(existing.ExternalId, ScimManagedMarker.For(change.UserKey), StringComparison.OrdinalIgnoreCase);
        return new ApplyResult(
            ours ? ApplyOutcome.Applied : ensured.Outcome,
            $"POST Users {change.Email}: the answer was lost; a read shows Users/{existing.Id} {(ours ? "created by this write" : "created by someone else, adopted")}; {ensured.Detail}",
            calls.Count);
    }

    /// <summary>After 409 on create: the user exists (created by someone else, or by an earlier attempt); adopt it without the managed marker.</summary>
    private async Task<ApplyResult> AdoptAsync(AccessChange change, string role, ConnectorException conflict, CallTally calls, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(change, calls, cancellationToken) ?? throw conflict;
        return await EnsureAsync(change, existing, active: true, role, calls, cancellationToken);
    }

    private async Task<ApplyResult> UpdateAsync(AccessChange change, bool? active, string? role, CancellationToken cancellationToken, CallTally? calls = null)
    {
        calls ??= new CallTally();
        var user = await FindAsync(change, calls, cancellationToken);
        return user is not null
            ? await EnsureAsync(change, user, active, role, calls, cancellationToken)
            : change.Kind == AccessChangeKind.Suspend
                ? new ApplyResult(ApplyOutcome.AlreadyInPlace, $"Users {change.Email}: not in the app, nothing to suspend", calls.Count)
                : throw new ConnectorException(ConnectorErrorKind.Rejected, $"{change.Kind} {change.Email}: the app has no such user (any more)", 404);
    }

    /// <summary>Writes what differs between the user as read and the change (active, role, attributes): nothing, one user write, and in groups mode the role group moves.</summary>
    private async Task<ApplyResult> EnsureAsync(AccessChange change, ScimUser user, bool? active, string? role, CallTally calls, CancellationToken cancellationToken)
    {
        var edits = new List<ScimEdit>();
        if (active is { } wanted && user.Active != wanted)
        {
            edits.Add(new ScimEdit("active", wanted));
        }

        if (role is not null && roleGroups is null && !string.Equals(user.Role, role, StringComparison.OrdinalIgnoreCase))
        {
            edits.Add(new ScimEdit("roles", ScimNewUser.Roles(role)));
        }

        foreach (var (path, value) in change.Attributes ?? new Dictionary<string, string?>())
        {
            if (!string.Equals(ScimMappedAttribute.Parse(path).Read(user.Resource), value, StringComparison.Ordinal))
            {
                edits.Add(new ScimEdit(path, value));
            }
        }

        var planned = new List<ScimWrite>();
        if (edits.Count > 0)
        {
            planned.Add(await UserWriteAsync(user, edits, calls, cancellationToken));
        }

        if (role is not null && roleGroups is not null)
        {
            planned.AddRange(await PlanMoveAsync(user, role, calls, cancellationToken));
        }

        var writes = await SendAsync(planned, calls, cancellationToken);

        return writes.Count == 0
            ? new ApplyResult(ApplyOutcome.AlreadyInPlace, $"Users/{user.Id} {change.Email}: already {(user.Active ? "active" : "suspended")}{(role is null ? "" : $" with role {role}")}", calls.Count)
            : new ApplyResult(ApplyOutcome.Applied, string.Join("; ", writes), calls.Count);
    }

    /// <summary>The user write for the edits: PATCH when supported, else PUT of the whole user; with If-Match when the app offers ETags.</summary>
    private async Task<ScimWrite> UserWriteAsync(ScimUser user, IReadOnlyList<ScimEdit> edits, CallTally calls, CancellationToken cancellationToken)
    {
        var supports = await CapabilitiesAsync(calls, cancellationToken);
        var (method, body) = supports.Patch
            ? (HttpMethod.Patch, ScimEdit.PatchOp(edits))
            : (HttpMethod.Put, ScimEdit.Replaced(user.Resource, edits));
        return new ScimWrite(method, $"Users/{user.Id}", body, $"{method} Users/{user.Id} {string.Join(", ", edits)}", IfMatch: supports.ETag ? user.Version : null);
    }

    private async Task<IReadOnlyList<ScimWrite>> PlanMoveAsync(ScimUser user, string role, CallTally calls, CancellationToken cancellationToken) =>
        await roleGroups!.PlanMoveAsync(user.Id, await roleGroups.GroupsOfAsync(user, calls, cancellationToken), role, calls, cancellationToken);

    /// <summary>Sends the writes: one alone, several in one /Bulk call when the app has it, else one after another. Returns their descriptions.</summary>
    private async Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<ScimWrite> writes, CallTally calls, CancellationToken cancellationToken)
    {
        if (writes.Count > 1 && (await CapabilitiesAsync(calls, cancellationToken)).Bulk)
        {
            ScimBulk.EnsureAll(await bulk.SendAsync(writes, calls, cancellationToken), writes.Count);
            return [$"POST Bulk: {string.Join("; ", writes.Select(w => w.Description))}"];
        }

        foreach (var write in writes)
        {
            (await api.SendAsync(write.Method, write.Path, write.Body, calls, cancellationToken, write.IfMatch)).EnsureSucceeded();
        }

        return [.. writes.Select(w => w.Description)];
    }

    private async Task<ApplyResult> RemoveAsync(AccessChange change, CancellationToken cancellationToken)
    {
        var calls = new CallTally();
        var id = change.AppUserId ?? (await FindAsync(change, calls, cancellationToken))?.Id;
        if (id is null)
        {
            return new ApplyResult(ApplyOutcome.AlreadyInPlace, $"Users {change.Email}: not in the app", calls.Count);
        }

        var deleted = await api.SendAsync(HttpMethod.Delete, $"Users/{id}", null, calls, cancellationToken);
        return deleted.Status == 404
            ? new ApplyResult(ApplyOutcome.AlreadyInPlace, $"Users/{id} {change.Email}: already deleted", calls.Count)
            : new ApplyResult(ApplyOutcome.Applied, $"DELETE Users/{id} {deleted.EnsureSucceeded().Status}", calls.Count);
    }

    /// <summary>The user by the change's app id, else by userName; null when the app has no such user.</summary>
    private async Task<ScimUser?> FindAsync(AccessChange change, CallTally calls, CancellationToken cancellationToken)
    {
        if (change.AppUserId is { } id)
        {
            var read = await api.SendAsync(HttpMethod.Get, $"Users/{id}", null, calls, cancellationToken);
            if (read.Status == 404)
            {
                return null;
            }

            var user = ScimUser.Parse(read.EnsureSucceeded().Object, problem => Invalid($"GET Users/{id}", problem));
            return user with { Version = read.ETag ?? user.Version };
        }

        return await FindByUserNameAsync(change.Email, calls, cancellationToken);
    }

    /// <summary>The user whose userName is <paramref name="email"/> (ignoring case); null when the app has none.</summary>
    private async Task<ScimUser?> FindByUserNameAsync(string email, CallTally calls, CancellationToken cancellationToken)
    {
        var page = (await api.GetAsync($"Users?{ScimFilterText.Query(ScimFilterText.Equal("userName", email))}", calls, cancellationToken)).Object;
        var found = ScimListResponse.ResourcesNode(page) is System.Text.Json.Nodes.JsonArray resources
            ? resources.Select(r => ScimUser.Parse(r, problem => Invalid("GET Users?filter", problem)))
                .Where(u => string.Equals(u.UserName, email, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw Invalid("GET Users?filter", $"{found.Count} users have the userName {email}"),
        };
    }

    private (string UserName, ActualMember Member) MemberOf(ScimUser user) => (user.UserName, MemberOf(user, user.Role));

    private ActualMember MemberOf(ScimUser user, string? role) =>
        new(user.UserName.ToLowerInvariant(), user.Email, user.Id, role, user.Active ? MemberState.Active : MemberState.Suspended,
            ScimManagedMarker.IsManaged(user.ExternalId), [], AttributesOf(user));

    private async Task<ScimCapabilities> CapabilitiesAsync(CallTally calls, CancellationToken cancellationToken) =>
        capabilities ??= await ScimCapabilities.ReadAsync(api, calls, cancellationToken);

    private IReadOnlyDictionary<string, string> AttributesOf(ScimUser user)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in mappedAttributes)
        {
            if (attribute.Read(user.Resource) is { } value)
            {
                attributes[attribute.Name] = value;
            }
        }

        return attributes;
    }

    private static ConnectorException Invalid(string operation, string problem) =>
        new(ConnectorErrorKind.InvalidResponse, $"{operation}: {problem}");

    private static ConnectorException MissingRole(AccessChange change) =>
        new(ConnectorErrorKind.Rejected, $"{change.Kind} {change.Email}: the change names no native role");
}
