using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// Roles as SCIM group membership (<c>scimRoleMapping: groups</c>): the native role is the group whose displayName is
/// that role; only the hub's native roles are role groups, the app's other groups are left alone.
/// </summary>
internal sealed class ScimRoleGroups(ScimApi api, ScimListReader lists, IReadOnlyList<string> rolesByRank)
{
    /// <summary>Each user id's role: the highest-ranked role group it is a member of.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadRolesAsync(int pageSize, CallTally calls, CancellationToken cancellationToken)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in await lists.ReadAllAsync("Groups", pageSize, calls, cancellationToken))
        {
            var role = RoleOf(group);
            if (role < 0)
            {
                continue;
            }

            foreach (var userId in MemberIds(group))
            {
                rank[userId] = rank.TryGetValue(userId, out var held) ? Math.Min(held, role) : role;
            }
        }

        return rank.ToDictionary(r => r.Key, r => rolesByRank[r.Value], StringComparer.Ordinal);
    }

    /// <summary>
    /// The writes that make <paramref name="member"/> (a user id, or "bulkId:…" for a user created in the same /Bulk
    /// request) a member of <paramref name="role"/>'s group (created when missing) and of none of the
    /// <paramref name="current"/> other role groups: none when already so, else one join (or group creation) and one
    /// leave per other role group.
    /// </summary>
    public async Task<IReadOnlyList<ScimWrite>> PlanMoveAsync(
        string member, IReadOnlyList<(string Id, string Role)> current, string role, CallTally calls, CancellationToken cancellationToken)
    {
        if (Rank(role) < 0)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, $"native role {role} is not one of the hub's roles, so no SCIM group stands for it");
        }

        var writes = new List<ScimWrite>();
        if (!current.Any(g => SameRole(g.Role, role)))
        {
            var target = await FindGroupAsync(role, calls, cancellationToken);
            writes.Add(target is null
                ? new ScimWrite(HttpMethod.Post, "Groups", new JsonObject
                {
                    ["schemas"] = new JsonArray(ScimSchemas.Group),
                    ["displayName"] = role,
                    ["members"] = new JsonArray(new JsonObject { ["value"] = member }),
                }, $"POST Groups {role} members=[{member}]", BulkId: "group")
                : new ScimWrite(HttpMethod.Patch, $"Groups/{target}",
                    ScimPatchOperation.Request([ScimPatchOperation.Add("members", new JsonArray(new JsonObject { ["value"] = member }))]),
                    $"PATCH Groups/{target} ({role}) add member {member}"));
        }

        foreach (var (groupId, groupRole) in current.Where(g => !SameRole(g.Role, role)))
        {
            writes.Add(new ScimWrite(HttpMethod.Patch, $"Groups/{groupId}",
                ScimPatchOperation.Request([ScimPatchOperation.Remove(ScimFilterText.ValuePath("members", "value", member))]),
                $"PATCH Groups/{groupId} ({groupRole}) remove member {member}"));
        }

        return writes;
    }

    /// <summary>
    /// The user's role groups: from the user's read-only <c>groups</c> attribute when the app fills it with group
    /// names (RFC 7643 §4.1.2), else by asking for the groups whose members include the user.
    /// </summary>
    public async Task<IReadOnlyList<(string Id, string Role)>> GroupsOfAsync(ScimUser user, CallTally calls, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        if (user.Resource["groups"] is JsonArray listed && listed.All(g => Text(g, "value") is not null && Text(g, "display") is not null))
        {
            return listed
                .Select(g => (Id: Text(g, "value")!, Rank: Rank(Text(g, "display")!)))
                .Where(g => g.Rank >= 0)
                .Select(g => (g.Id, Role: rolesByRank[g.Rank]))
                .ToList();
        }

        var page = (await api.GetAsync($"Groups?{ScimFilterText.Query(ScimFilterText.Equal("members.value", userId))}", calls, cancellationToken)).Object;
        return ScimListResponse.Resources(page)
            .Where(g => RoleOf(g) >= 0 && MemberIds(g).Contains(userId))
            .Select(g => (Id: g["id"]!.GetValue<string>(), Role: rolesByRank[RoleOf(g)]))
            .ToList();
    }

    // Without its members: a role group may hold thousands.
    private async Task<string?> FindGroupAsync(string role, CallTally calls, CancellationToken cancellationToken)
    {
        var page = (await api.GetAsync($"Groups?{ScimFilterText.Query(ScimFilterText.Equal("displayName", role))}&excludedAttributes=members", calls, cancellationToken)).Object;
        return ScimListResponse.Resources(page).Where(g => RoleOf(g) == Rank(role)).Select(g => g["id"]!.GetValue<string>()).FirstOrDefault();
    }

    private static bool SameRole(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private int Rank(string role) => rolesByRank.ToList().FindIndex(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    private int RoleOf(JsonObject group) =>
        group["displayName"] is JsonValue name && name.TryGetValue<string>(out var displayName) && group["id"] is JsonValue id && id.TryGetValue<string>(out _)
            ? Rank(displayName)
            : -1;

    private static string? Text(JsonNode? owner, string name) =>
        owner?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static HashSet<string> MemberIds(JsonObject group) =>
        group["members"] is JsonArray members
            ? members.OfType<JsonObject>().Select(m => m["value"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
}
