using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The users and groups one IdentityProvider pushed over SCIM, in memory. Thread-safe: every change happens under one
/// lock and bumps a monotonically increasing <see cref="Version"/>, which each changed resource records, so a reader
/// asks for what changed since the version it last saw. Stored resources are immutable; a DELETEd user stays as a
/// tombstone (deleted users must be deprovisioned, not forgotten) and is taken out of every group.
/// </summary>
/// <remarks>
/// This is each replica's copy; <see cref="ScimPersistence"/> keeps it in step with the durable store every
/// replica writes to (versions, ids and ETags are the durable store's, so they are the same on every replica and
/// survive restarts). Tombstones are kept for the life of the store.
/// </remarks>
internal sealed class ScimStore(TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ScimStoredResource> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScimStoredResource> _groups = new(StringComparer.Ordinal);
    private readonly ScimUniqueIndex[] _userIndexes = [new("userName", StringComparer.OrdinalIgnoreCase)];
    private readonly ScimUniqueIndex[] _groupIndexes = [new("displayName", StringComparer.OrdinalIgnoreCase), new("externalId", StringComparer.Ordinal)];
    private TaskCompletionSource _changed = NewSignal();
    private long _version;
    private long _sequence;

    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public ScimStoredResource Create(ScimResourceKind kind, JsonNode? body)
    {
        var attributes = ScimNormaliser.Prepare(kind, body);
        lock (_gate)
        {
            CheckUnique(kind, attributes, null);
            var now = time.GetUtcNow();
            var resource = new ScimStoredResource(kind, Guid.NewGuid().ToString(), ++_sequence, Freeze(attributes), now, now, ++_version, false);
            Table(kind)[resource.Id] = resource;
            Index(resource);
            Signal();
            return resource;
        }
    }

    public ScimStoredResource Replace(ScimResourceKind kind, string id, JsonNode? body, string? ifMatch)
    {
        if (body is JsonObject sent && ScimJsonAttributes.String(sent, "id") is { } bodyId && bodyId != id)
        {
            throw ScimException.Mutability("id is immutable");
        }

        var attributes = ScimNormaliser.Prepare(kind, body);
        lock (_gate)
        {
            return Commit(Live(kind, id, ifMatch), attributes);
        }
    }

    public ScimStoredResource Patch(ScimResourceKind kind, string id, JsonNode? patch, string? ifMatch)
    {
        lock (_gate)
        {
            var current = Live(kind, id, ifMatch);
            var attributes = current.Attributes();
            attributes["id"] = current.Id; // so a value object that names the same id passes
            ScimPatch.Apply(attributes, patch);
            return Commit(current, ScimNormaliser.Prepare(kind, attributes));
        }
    }

    public void Delete(ScimResourceKind kind, string id, string? ifMatch)
    {
        lock (_gate)
        {
            var current = Live(kind, id, ifMatch);
            var now = time.GetUtcNow();
            Table(kind)[id] = current with { Deleted = true, LastModified = now, Version = ++_version };
            Unindex(current);
            if (kind == ScimResourceKind.User)
            {
                foreach (var group in _groups.Values.Where(g => !g.Deleted).ToList())
                {
                    var attributes = group.Attributes();
                    if (ScimJsonAttributes.Get(attributes, "members") is JsonArray members
                        && members.OfType<JsonObject>().Where(m => ScimJsonAttributes.String(m, "value") == id).ToList() is { Count: > 0 } gone)
                    {
                        gone.ForEach(m => members.Remove(m));
                        _groups[group.Id] = group with { Body = Freeze(attributes), LastModified = now, Version = _version };
                    }
                }
            }

            Signal();
        }
    }

    /// <summary>A resource the clients can see (not deleted), or null.</summary>
    public ScimStoredResource? Get(ScimResourceKind kind, string id)
    {
        lock (_gate)
        {
            return Table(kind).TryGetValue(id, out var resource) && !resource.Deleted ? resource : null;
        }
    }

    /// <summary>How many resources of the kind the store holds, tombstones included (what memory bounds count).</summary>
    public int Count(ScimResourceKind kind)
    {
        lock (_gate)
        {
            return Table(kind).Count;
        }
    }

    /// <summary>The resources the clients can see, in creation order.</summary>
    public IReadOnlyList<ScimStoredResource> List(ScimResourceKind kind)
    {
        lock (_gate)
        {
            return Table(kind).Values.Where(r => !r.Deleted).OrderBy(r => r.Sequence).ToList();
        }
    }

    /// <summary>Every user and group (tombstones included) as of one version.</summary>
    public ScimStoreSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ScimStoreSnapshot(_version, _users.Values.OrderBy(r => r.Sequence).ToList(), _groups.Values.OrderBy(r => r.Sequence).ToList()) { Sequence = _sequence };
        }
    }

    /// <summary>
    /// Replaces everything with what the durable store holds (<see cref="ScimPersistence"/>): after a restart,
    /// when another replica accepted a push, or to drop changes that could not be stored. Wakes waiting readers when
    /// the version moved.
    /// </summary>
    public void Restore(long version, long sequence, IEnumerable<ScimStoredResource> resources)
    {
        lock (_gate)
        {
            _users.Clear();
            _groups.Clear();
            foreach (var index in _userIndexes.Concat(_groupIndexes))
            {
                index.Clear();
            }

            foreach (var resource in resources)
            {
                Table(resource.Kind)[resource.Id] = resource;
                if (!resource.Deleted)
                {
                    Index(resource);
                }
            }

            var moved = version != _version;
            (_version, _sequence) = (version, sequence);
            if (moved)
            {
                Signal();
            }
        }
    }

    /// <summary>Completes on the first change after <paramref name="seenVersion"/> (at once if there already was one).</summary>
    public Task ChangedAfter(long seenVersion)
    {
        lock (_gate)
        {
            return _version > seenVersion ? Task.CompletedTask : _changed.Task;
        }
    }

    private ScimStoredResource Commit(ScimStoredResource current, JsonObject attributes)
    {
        CheckUnique(current.Kind, attributes, current.Id);
        var body = Freeze(attributes);
        if (body.GetRawText() == current.Body.GetRawText())
        {
            return current; // an IdP's retry or a no-op: no new version, nothing for the operator to re-plan
        }

        var updated = current with { Body = body, LastModified = time.GetUtcNow(), Version = ++_version };
        Table(current.Kind)[current.Id] = updated;
        Unindex(current);
        Index(updated);
        Signal();
        return updated;
    }

    private ScimStoredResource Live(ScimResourceKind kind, string id, string? ifMatch)
    {
        if (!Table(kind).TryGetValue(id, out var resource) || resource.Deleted)
        {
            throw ScimException.NotFound($"{kind} {id} not found");
        }

        if (ifMatch is { Length: > 0 } && ifMatch.Trim() != "*" && !ifMatch.Split(',').Any(tag => tag.Trim() == resource.ETag))
        {
            throw new ScimException(412, null, $"{kind} {id} has changed (version {resource.ETag})");
        }

        return resource;
    }

    /// <summary>
    /// userName is unique among users, displayName (case-insensitively, RFC 7643: caseExact false) and externalId
    /// (caseExact) among groups: a POST, PUT or PATCH that would give a second resource the same value is refused with
    /// 409 uniqueness (RFC 7644 §3.3, §3.12) instead of letting the last one silently win.
    /// </summary>
    private void CheckUnique(ScimResourceKind kind, JsonObject attributes, string? self)
    {
        foreach (var index in Indexes(kind))
        {
            if (index.HolderOf(attributes) is { } holder && holder != self)
            {
                throw ScimException.Uniqueness($"a {kind} with {index.Attribute} \"{ScimJsonAttributes.String(attributes, index.Attribute)}\" already exists");
            }
        }
    }

    private void Index(ScimStoredResource resource)
    {
        foreach (var index in Indexes(resource.Kind))
        {
            index.Add(resource);
        }
    }

    private void Unindex(ScimStoredResource resource)
    {
        foreach (var index in Indexes(resource.Kind))
        {
            index.Remove(resource);
        }
    }

    private ScimUniqueIndex[] Indexes(ScimResourceKind kind) => kind == ScimResourceKind.User ? _userIndexes : _groupIndexes;

    private Dictionary<string, ScimStoredResource> Table(ScimResourceKind kind) => kind == ScimResourceKind.User ? _users : _groups;

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static JsonElement Freeze(JsonObject attributes)
    {
        ScimJsonAttributes.Remove(attributes, "id");
        return JsonSerializer.SerializeToElement(attributes);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
