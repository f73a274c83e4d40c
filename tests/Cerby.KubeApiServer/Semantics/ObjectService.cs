using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Storage;
using Cerby.KubeApiServer.Validation;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>
/// The apiserver's write rules over the store: server-set metadata, optimistic concurrency, the status subresource
/// split, generation, finalizers and deletionTimestamp, and custom resource admission. Objects in and out are in
/// the wire form of <c>type</c>; the store holds the storage form.
/// </summary>
internal sealed partial class ObjectService(ObjectStore store, ResourceRegistry registry, TimeProvider clock)
{
    private readonly AppliedConfigurations applied = new();

    public ObjectStore Store => store;

    public ResourceRegistry Registry => registry;

    public JsonObject Get(ResourceType type, string @namespace, string name) =>
        ToWire(type, store.Get(Key(type, @namespace, name)) ?? throw ApiException.NotFound(type, name));

    public JsonObject ToWire(ResourceType type, JsonObject stored) => type.Converter?.FromStorage(stored) ?? stored;

    public WriteResult Create(ResourceType type, string @namespace, JsonObject body, WriteOptions options)
    {
        var obj = ToStorage(type, body);
        var metadata = obj.Metadata();
        var name = metadata.GetString("name") is { Length: > 0 } given ? given
            : metadata.GetString("generateName") is { Length: > 0 } prefix ? ObjectNames.Generate(prefix)
            : throw new ApiException(422, "Invalid", $"{type.QualifiedKind} \"\" is invalid: metadata.name: Required value: name or generateName is required");
        if (ObjectNames.Check(name) is { } nameError)
        {
            throw ApiException.Invalid(type, name, [nameError]);
        }

        metadata["name"] = name;
        MetadataRules.SetNamespace(type, @namespace, metadata);
        lock (store.Gate)
        {
            if (type.Namespaced)
            {
                CheckNamespaceAcceptsContent(@namespace);
            }

            var key = Key(type, @namespace, name);
            if (store.Get(key) is not null)
            {
                throw ApiException.AlreadyExists(type, name);
            }

            var now = Now();
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = now;
            metadata.Remove("resourceVersion");
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            metadata.Remove("generation");
            if (TypeRules.TracksGeneration(type))
            {
                metadata["generation"] = 1;
            }

            if (type.HasStatus && type.IsCustomResource)
            {
                obj.Remove("status");
            }

            var warnings = Admit(type, obj, options, creating: true, now);
            var crdTypes = type == BuiltInResources.CustomResourceDefinitions ? ReadCrd(obj) : null;
            if (options.DryRun)
            {
                return new WriteResult(ToWire(type, obj), warnings, 201);
            }

            var stored = store.Put(key, obj);
            if (crdTypes is not null)
            {
                registry.SetCrd(name, crdTypes);
            }

            return new WriteResult(ToWire(type, stored), warnings, 201);
        }
    }

    /// <summary>PUT: replaces the object (or, with <paramref name="subresource"/> "status", only its status).</summary>
    public WriteResult Update(ResourceType type, string @namespace, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        var incoming = ToStorage(type, body);
        lock (store.Gate)
        {
            var key = Key(type, @namespace, name);
            var existing = store.Get(key) ?? throw ApiException.NotFound(type, name);
            var sentVersion = incoming.AtPath("metadata.resourceVersion")?.GetValue<string>();
            if (sentVersion is null && type.IsCustomResource)
            {
                throw ApiException.Invalid(type, name,
                    [FieldError.Invalid("metadata.resourceVersion", "0x0", "must be specified for an update")]);
            }

            if (sentVersion is not null && sentVersion != existing.AtPath("metadata.resourceVersion")!.GetValue<string>())
            {
                throw ApiException.Conflict(type, name);
            }

            var sentName = incoming.AtPath("metadata.name")?.GetValue<string>();
            if (sentName is not null && sentName != name)
            {
                throw ApiException.BadRequest($"the name of the object ({sentName}) does not match the name on the URL ({name})");
            }

            var updated = subresource == "status" ? MetadataRules.WithStatusOf(existing, incoming) : MetadataRules.WithSystemFields(type, existing, incoming);
            return Commit(type, key, existing, updated, options);
        }
    }

    /// <summary>PATCH: applies the patch to the current object, then updates as PUT would (apply patch creates when absent).</summary>
    public WriteResult Patch(ResourceType type, string @namespace, string name, string? subresource, PatchRequest patch, WriteOptions options)
    {
        lock (store.Gate)
        {
            var key = Key(type, @namespace, name);
            if (store.Get(key) is not { } existing)
            {
                if (patch.Kind == PatchKind.Apply && subresource is null)
                {
                    var created = patch.Body.AsObject().Clone();
                    created.Metadata()["name"] = name;
                    var result = Create(type, @namespace, created, options);
                    RememberApplied(key, result, patch, options);
                    return result;
                }

                throw ApiException.NotFound(type, name);
            }

            var current = ToWire(type, existing);
            var uid = existing.Metadata().GetString("uid") ?? "";
            var previouslyApplied = patch.Kind == PatchKind.Apply ? applied.Get(key, uid, patch.FieldManager) : null;
            var patched = patch.ApplyTo(current, type.IsCustomResource, previouslyApplied) as JsonObject
                ?? throw ApiException.BadRequest("the patch did not produce an object");
            var currentVersion = existing.AtPath("metadata.resourceVersion")!.GetValue<string>();
            if (patched.AtPath("metadata.resourceVersion")?.GetValue<string>() is { } sent && sent != currentVersion)
            {
                throw ApiException.Conflict(type, name);
            }

            patched.Metadata()["resourceVersion"] = currentVersion;
            var updated = Update(type, @namespace, name, subresource, patched, options);
            if (subresource is null)
            {
                RememberApplied(key, updated, patch, options);
            }

            return updated;
        }
    }

    /// <summary>Keeps what a manager applied, so its next apply can remove the fields it leaves out.</summary>
    private void RememberApplied(ObjectKey key, WriteResult result, PatchRequest patch, WriteOptions options)
    {
        if (patch.Kind == PatchKind.Apply && !options.DryRun && patch.Body is JsonObject body)
        {
            applied.Set(key, result.Body.Metadata().GetString("uid") ?? "", patch.FieldManager, body);
        }
    }

    /// <summary>DELETE: with finalizers, marks the object as being deleted; otherwise removes it (and collects its dependents).</summary>
    public WriteResult Delete(ResourceType type, string @namespace, string name, DeleteRequest request)
    {
        lock (store.Gate)
        {
            var key = Key(type, @namespace, name);
            var existing = store.Get(key) ?? throw ApiException.NotFound(type, name);
            var metadata = existing.Metadata();
            MetadataRules.CheckPreconditions(type, name, metadata, request);
            if (request.DryRun)
            {
                return new WriteResult(ToWire(type, existing), []);
            }

            if (type == BuiltInResources.Namespaces)
            {
                return new WriteResult(ToWire(type, TerminateNamespace(key, existing)), []);
            }

            if (JsonObjects.StringList(metadata["finalizers"]).Count > 0)
            {
                if (metadata["deletionTimestamp"] is null)
                {
                    metadata["deletionTimestamp"] = Now();
                    metadata["deletionGracePeriodSeconds"] = 0;
                    MetadataRules.BumpGeneration(type, metadata);
                    existing = store.Put(key, existing);
                }

                return new WriteResult(ToWire(type, existing), []);
            }

            RemoveAndCollect(type, key, existing, request.Orphan);
            return new WriteResult(StatusBodies.Deleted(type.Group, type.Plural, name, metadata.GetString("uid") ?? ""), []);
        }
    }

    private WriteResult Commit(ResourceType type, ObjectKey key, JsonObject existing, JsonObject updated, WriteOptions options)
    {
        var warnings = Admit(type, updated, options, creating: false, Now());
        var oldMetadata = existing.Metadata();
        var newMetadata = updated.Metadata();
        var deleting = oldMetadata["deletionTimestamp"] is not null;
        var oldFinalizers = JsonObjects.StringList(oldMetadata["finalizers"]);
        var newFinalizers = JsonObjects.StringList(newMetadata["finalizers"]);
        var added = newFinalizers.Except(oldFinalizers).ToList();
        if (deleting && added.Count > 0)
        {
            throw ApiException.Invalid(type, key.Name,
            [
                new FieldError("metadata.finalizers", "FieldValueForbidden",
                    $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(f => $"\"{f}\""))}}}"),
            ]);
        }

        if (TypeRules.TracksGeneration(type) &&
            !JsonNode.DeepEquals(TypeRules.GenerationRelevant(type, existing), TypeRules.GenerationRelevant(type, updated)))
        {
            MetadataRules.BumpGeneration(type, newMetadata);
        }

        var crdTypes = type == BuiltInResources.CustomResourceDefinitions ? ReadCrd(updated) : null;
        if (JsonNode.DeepEquals(existing, updated) || options.DryRun)
        {
            return new WriteResult(ToWire(type, updated), warnings);
        }

        if (deleting && newFinalizers.Count == 0)
        {
            RemoveAndCollect(type, key, updated, orphan: false);
            return new WriteResult(ToWire(type, updated), warnings);
        }

        var stored = store.Put(key, updated);
        if (crdTypes is not null)
        {
            registry.SetCrd(key.Name, crdTypes);
        }

        return new WriteResult(ToWire(type, stored), warnings);
    }

    private IReadOnlyList<string> Admit(ResourceType type, JsonObject obj, WriteOptions options, bool creating, string now)
    {
        obj["apiVersion"] = type.Converter is null ? type.ApiVersion : obj["apiVersion"]?.DeepClone();
        obj["kind"] = type.Kind;
        TypeRules.OnWrite(type, obj, creating, now);
        return type.IsCustomResource ? CustomResourceAdmission.Admit(type, obj, options) : [];
    }

    private void RemoveAndCollect(ResourceType type, ObjectKey key, JsonObject removed, bool orphan)
    {
        store.Remove(key, removed);
        var collector = new GarbageCollector(this);
        if (type == BuiltInResources.CustomResourceDefinitions)
        {
            registry.RemoveCrd(key.Name);
            collector.DeleteAllOf(removed);
        }

        if (!orphan)
        {
            collector.DeleteOrphanedDependents(removed.Metadata().GetString("uid") ?? "");
        }

        if (key.Namespace.Length > 0)
        {
            RemoveNamespaceIfTerminatedAndEmpty(key.Namespace);
        }
    }

    private static IReadOnlyList<ResourceType> ReadCrd(JsonObject crd)
    {
        var (types, errors) = CrdRegistration.Read(crd);
        return errors.Count > 0 ? throw ApiException.Invalid(BuiltInResources.CustomResourceDefinitions, crd.AtPath("metadata.name")?.GetValue<string>() ?? "", errors) : types;
    }

    private JsonObject ToStorage(ResourceType type, JsonObject wire) => type.Converter?.ToStorage(wire) ?? wire.Clone();

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static ObjectKey Key(ResourceType type, string @namespace, string name) =>
        new(type.StorageKey, type.Namespaced ? @namespace : "", name);
}
