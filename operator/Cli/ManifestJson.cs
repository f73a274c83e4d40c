using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Cerby.Operator.Cli;

/// <summary>How manifests are read into typed objects: strictly, like kubectl --validate=strict.</summary>
internal static class ManifestJson
{
    /// <summary>Unknown fields fail, null never lands in a non-nullable property, names are the declared JSON names.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };
}
