using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Graph;

/// <summary>
/// <c>/users/delta</c> and <c>/groups/delta</c> with Graph's semantics: a first round (no token) returns every object
/// (groups with all members in <c>members@delta</c> when <c>$select</c> names members); <c>$deltatoken=latest</c> returns
/// nothing but a delta link from now; a delta link returns what changed since, with <c>@removed</c> for deleted objects and
/// removed members. A round is paged with <c>@odata.nextLink</c> (<c>$skiptoken</c>) at <see cref="PageSize"/> objects (or
/// <c>Prefer: odata.maxpagesize</c>), a group's member changes are split into entries of <see cref="MembersPerEntry"/>
/// (the same group appears again), and the last page carries <c>@odata.deltaLink</c>. Query options are taken from the
/// first request only and kept in the tokens. Unknown or expired tokens answer 410 syncStateNotFound.
/// </summary>
internal sealed class GraphDeltaEndpoint(GraphTenant tenant)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DeltaState> _deltaTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Round> _rounds = new(StringComparer.Ordinal);

    /// <summary>Objects per page (Graph chooses; 100 by default here).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Member changes per group entry before the group is split into another entry.</summary>
    public int MembersPerEntry { get; set; } = 50;

    /// <summary>Forgets every delta and skip token: the next use answers 410 syncStateNotFound.</summary>
    public void ExpireTokens()
    {
        lock (_lock)
        {
            _deltaTokens.Clear();
            _rounds.Clear();
        }
    }

    public Task HandleAsync(HttpContext context, string kind)
    {
        var query = context.Request.Query;
        Round? round;
        lock (_lock)
        {
            if (query["$skiptoken"].ToString() is { Length: > 0 } skip)
            {
                _rounds.Remove(skip, out round);
            }
            else if (query["$deltatoken"].ToString() is { Length: > 0 } token)
            {
                round = token == "latest"
                    ? new Round(kind, [], tenant.Sequence, query["$select"].ToString())
                    : _deltaTokens.TryGetValue(token, out var state) && state.Kind == kind ? Build(kind, state.Since, state.Select) : null;
            }
            else
            {
                round = Build(kind, null, query["$select"].ToString());
            }
        }

        if (round is null)
        {
            context.Response.Headers.Location = $"{GraphPaging.GraphBase(context)}/{kind}/delta?$deltatoken=";
            return GraphJson.WriteErrorAsync(context, 410, "syncStateNotFound", "The sync state generation is not found. Delta tokens older than 7 days or from another query are not valid; start a new sync.");
        }

        return GraphJson.WriteAsync(context, 200, Serve(context, round));
    }

    private JsonObject Serve(HttpContext context, Round round)
    {
        var size = PageSize;
        if (context.Request.Headers["Prefer"].ToString() is { } prefer && prefer.Contains("odata.maxpagesize=", StringComparison.Ordinal)
            && int.TryParse(prefer.Split("odata.maxpagesize=")[1].Split(',', ';')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max))
        {
            size = Math.Clamp(max, 1, size);
        }

        var page = round.Items.Take(size).ToList();
        var rest = round with { Items = round.Items.Skip(size).ToList() };
        var root = $"{GraphPaging.GraphBase(context)}/{round.Kind}/delta";
        var body = new JsonObject { ["@odata.context"] = $"{GraphPaging.GraphBase(context)}/$metadata#{round.Kind}({round.Select})" };
        lock (_lock)
        {
            if (rest.Items.Count > 0)
            {
                var skip = NewToken();
                _rounds[skip] = rest;
                body["@odata.nextLink"] = $"{root}?$skiptoken={skip}";
            }
            else
            {
                var token = NewToken();
                _deltaTokens[token] = new DeltaState(round.Kind, round.Until, round.Select);
                body["@odata.deltaLink"] = $"{root}?$deltatoken={token}";
            }
        }

        body["value"] = new JsonArray(page.Select(i => (JsonNode)i).ToArray());
        return body;
    }

    /// <summary>The round's objects since <paramref name="since"/> (everything when null), as of now.</summary>
    private Round Build(string kind, long? since, string select)
    {
        lock (tenant.Sync)
        {
            var until = tenant.Sequence;
            var fields = GraphJson.Select(select);
            var items = kind == "users" ? Users(since, fields) : Groups(since, fields);
            return new Round(kind, items, until, select);
        }
    }

    private List<JsonObject> Users(long? since, HashSet<string>? select)
    {
        if (since is null)
        {
            return tenant.LiveUsers.Select(u => GraphJson.User(u, select)).ToList();
        }

        return tenant.ChangesSince(since.Value)
            .Where(c => c.Kind is GraphChangeKind.UserChanged or GraphChangeKind.UserRemoved)
            .Select(c => c.ObjectId).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(id => tenant.FindAnyUser(id)!)
            .Select(u => u.Deleted ? new JsonObject { ["id"] = u.Id, ["@removed"] = GraphJson.Removed("changed") } : GraphJson.User(u, select))
            .ToList();
    }

    private List<JsonObject> Groups(long? since, HashSet<string>? select)
    {
        var withMembers = select?.Contains("members") ?? false;
        var items = new List<JsonObject>();
        if (since is null)
        {
            foreach (var group in tenant.LiveGroups)
            {
                items.AddRange(Entries(group, select, withMembers ? group.Members.Select(m => (m, false)).ToList() : null));
            }

            return items;
        }

        var changes = tenant.ChangesSince(since.Value)
            .Where(c => c.Kind is GraphChangeKind.GroupChanged or GraphChangeKind.GroupRemoved or GraphChangeKind.MemberAdded or GraphChangeKind.MemberRemoved)
            .ToList();
        foreach (var groupId in changes.Select(c => c.ObjectId).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var group = tenant.FindAnyGroup(groupId)!;
            if (group.Deleted)
            {
                items.Add(new JsonObject { ["id"] = group.Id, ["@removed"] = GraphJson.Removed("changed") });
                continue;
            }

            // The net change per member: the last add or remove since the token.
            var net = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            foreach (var change in changes.Where(c => c.MemberId is not null && string.Equals(c.ObjectId, groupId, StringComparison.OrdinalIgnoreCase)))
            {
                net.Remove(change.MemberId!);
                net[change.MemberId!] = change.Kind == GraphChangeKind.MemberRemoved;
            }

            items.AddRange(Entries(group, select, withMembers && net.Count > 0 ? net.Select(n => (n.Key, n.Value)).ToList() : null));
        }

        return items;
    }

    /// <summary>The group's entries: one, or several when its member changes are more than <see cref="MembersPerEntry"/>.</summary>
    private IEnumerable<JsonObject> Entries(GraphGroup group, HashSet<string>? select, List<(string Id, bool Removed)>? members)
    {
        if (members is null or { Count: 0 })
        {
            var entry = GraphJson.Group(group, select);
            if (members is not null)
            {
                entry["members@delta"] = new JsonArray();
            }

            yield return entry;
            yield break;
        }

        foreach (var chunk in members.Chunk(Math.Max(1, MembersPerEntry)))
        {
            var entry = GraphJson.Group(group, select);
            entry["members@delta"] = new JsonArray(chunk.Select(m =>
            {
                var member = new JsonObject
                {
                    ["@odata.type"] = tenant.FindAnyUser(m.Id) is not null ? "#microsoft.graph.user" : "#microsoft.graph.group",
                    ["id"] = m.Id,
                };
                if (m.Removed)
                {
                    member["@removed"] = GraphJson.Removed("deleted");
                }

                return (JsonNode)member;
            }).ToArray());
            yield return entry;
        }
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private sealed record DeltaState(string Kind, long Since, string Select);

    private sealed record Round(string Kind, List<JsonObject> Items, long Until, string Select);
}
