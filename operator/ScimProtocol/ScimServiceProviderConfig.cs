using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// The features a service provider's <c>/ServiceProviderConfig</c> (RFC 7643 §5) says it supports. A server writes
/// it with <see cref="ToJson"/> (adding its authentication schemes and meta); a client reads an app's with <see cref="Read"/>.
/// </summary>
/// <param name="FilterMaxResults">The most results one query returns; 0 when the provider does not say.</param>
/// <param name="BulkMaxOperations">The most operations one /Bulk request may hold; null when the provider does not say.</param>
internal sealed record ScimServiceProviderConfig(bool Patch, bool ETag, bool Filter, int FilterMaxResults, bool Bulk, int? BulkMaxOperations, bool Sort = false, bool ChangePassword = false)
{
    public JsonObject ToJson() => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["patch"] = Feature(Patch),
        ["bulk"] = new JsonObject { ["supported"] = Bulk, ["maxOperations"] = BulkMaxOperations ?? 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = Filter, ["maxResults"] = FilterMaxResults },
        ["changePassword"] = Feature(ChangePassword),
        ["sort"] = Feature(Sort),
        ["etag"] = Feature(ETag),
    };

    /// <summary>Reads a provider's document; a feature it does not mark <c>supported: true</c> is not supported. Names compare case-insensitively.</summary>
    public static ScimServiceProviderConfig Read(JsonObject config) => new(
        Supported(config, "patch"),
        Supported(config, "etag"),
        Supported(config, "filter"),
        Integer(config, "filter", "maxResults") ?? 0,
        Supported(config, "bulk"),
        Integer(config, "bulk", "maxOperations"),
        Supported(config, "sort"),
        Supported(config, "changePassword"));

    private static JsonObject Feature(bool supported) => new() { ["supported"] = supported };

    private static bool Supported(JsonObject config, string feature) =>
        ScimJsonAttributes.Get(config, feature) is JsonObject settings && ScimJsonAttributes.Get(settings, "supported") is JsonValue value
        && value.TryGetValue<bool>(out var supported) && supported;

    private static int? Integer(JsonObject config, string feature, string name) =>
        ScimJsonAttributes.Get(config, feature) is JsonObject settings && ScimJsonAttributes.Get(settings, name) is JsonValue value
        && value.TryGetValue<int>(out var number) ? number : null;
}
