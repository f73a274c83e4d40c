using System.Text.Json;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Schema;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Cli;

/// <summary>
/// Turns a document into its typed object by apiVersion and kind. A custom resource is first checked against its
/// CRD's OpenAPI schema (what the API server would reject), then against its C# type (metadata, and anything the
/// schema lets through that the type cannot hold); snapshots only against their type.
/// </summary>
internal static class ManifestDecoder
{
    private static readonly Dictionary<(string ApiVersion, string Kind), Type> Kinds = new()
    {
        [(ApiGroup.ApiVersion, BusinessHub.KindName)] = typeof(BusinessHub),
        [(ApiGroup.ApiVersion, TeamShare.KindName)] = typeof(TeamShare),
        [(ApiGroup.ApiVersion, IdpGroupBinding.KindName)] = typeof(IdpGroupBinding),
        [(ApiGroup.ApiVersion, IdentityProvider.KindName)] = typeof(IdentityProvider),
        [(ApiGroup.ApiVersion, AccessReview.KindName)] = typeof(AccessReview),
        [(SnapshotApi.ApiVersion, SnapshotApi.IdentitySnapshotKind)] = typeof(IdentitySnapshotManifest),
        [(SnapshotApi.ApiVersion, SnapshotApi.AppSnapshotKind)] = typeof(AppSnapshotManifest),
    };

    private static readonly Dictionary<Type, Lazy<V1JSONSchemaProps>> Schemas = CrdGenerator.Kinds.ToDictionary(
        kind => kind,
        kind => new Lazy<V1JSONSchemaProps>(() => CrdGenerator.Generate(kind).Spec.Versions[0].Schema.OpenAPIV3Schema));

    /// <summary>The document's object (a custom resource or a snapshot manifest), or why it cannot be read; nothing for another API group's object.</summary>
    public static (object? Value, IReadOnlyList<ManifestError> Errors) Decode(ManifestDocument document)
    {
        var apiVersion = document.StringAt("apiVersion");
        var kind = document.StringAt("kind");
        if (apiVersion is null || kind is null)
        {
            var missing = apiVersion is null ? "apiVersion" : "kind";
            return (null, [document.Error(missing, "required field is missing (a string)")]);
        }

        if (!IsOurs(apiVersion))
        {
            // A GitOps folder holds Namespaces, Secrets and the like beside the cerby resources: not ours to plan.
            return (null, []);
        }

        if (!Kinds.TryGetValue((apiVersion, kind), out var type))
        {
            return (null, [UnknownKind(document, apiVersion, kind)]);
        }

        NullFields.Prune(document.Root);
        var errors = Schemas.TryGetValue(type, out var schema)
            ? SchemaValidator.Validate(document.Root, schema.Value).Select(e => document.Error(e.Path, e.Message)).ToList()
            : [];
        if (errors.Count == 0)
        {
            errors.AddRange(ManifestTypeChecker.Check(document, type));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // The checks above make this succeed; should they miss something, it is still an error line, not a trace.
        object value;
        try
        {
            value = document.Root.Deserialize(type, ManifestJson.Options)!;
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            return (null, [document.Error(path, $"cannot be read as {kind}: {e.Message}")]);
        }

        if (value is IKubernetesObject<V1ObjectMeta> { Metadata.Name: null or "" })
        {
            return (null, [document.Error("metadata.name", "required field is missing")]);
        }

        return (value, []);
    }

    private static bool IsOurs(string apiVersion) =>
        apiVersion.StartsWith(ApiGroup.Group + "/", StringComparison.Ordinal) || apiVersion.StartsWith(SnapshotApi.Group + "/", StringComparison.Ordinal);

    private static ManifestError UnknownKind(ManifestDocument document, string apiVersion, string kind)
    {
        var kinds = Kinds.Keys.Where(k => k.ApiVersion == apiVersion).Select(k => k.Kind).ToList();
        if (kinds.Count > 0)
        {
            return document.Error("kind", $"unknown kind \"{kind}\" for {apiVersion}; expected one of {string.Join(", ", kinds)}");
        }

        var known = Kinds.Keys.GroupBy(k => k.ApiVersion).Select(g => $"{g.Key} ({string.Join(", ", g.Select(k => k.Kind))})");
        return document.Error("apiVersion", $"unknown apiVersion \"{apiVersion}\"; expected {string.Join(" or ", known)}");
    }
}
