using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Cerby.Operator.Identity.Entra;

/// <summary>One entry of a group's <c>members@delta</c>: a member added, or removed (<c>@removed</c>).</summary>
internal sealed record EntraMemberChange(string Id, bool IsUser, bool Removed)
{
    public const string Property = "members@delta";

    /// <summary>
    /// The entries of a delta group's <c>members@delta</c>, which the SDK leaves untyped in AdditionalData (a Kiota
    /// <see cref="UntypedArray"/>, or a <see cref="JsonElement"/> with older serializers); empty when absent.
    /// </summary>
    public static IReadOnlyList<EntraMemberChange> Parse(IDictionary<string, object>? additionalData)
    {
        if (additionalData is null || !additionalData.TryGetValue(Property, out var value))
        {
            return [];
        }

        return value switch
        {
            UntypedArray array => array.GetValue().OfType<UntypedObject>().Select(FromUntyped).OfType<EntraMemberChange>().ToList(),
            JsonElement { ValueKind: JsonValueKind.Array } json => json.EnumerateArray().Select(FromJson).OfType<EntraMemberChange>().ToList(),
            _ => throw new EntraApiException($"Microsoft Graph's {Property} has an unexpected shape ({value.GetType().Name})"),
        };
    }

    private static EntraMemberChange? FromUntyped(UntypedObject entry)
    {
        var fields = entry.GetValue();
        var id = fields.TryGetValue("id", out var i) && i is UntypedString s ? s.GetValue() : null;
        var type = fields.TryGetValue("@odata.type", out var t) && t is UntypedString u ? u.GetValue() : null;
        return Make(id, type, fields.ContainsKey("@removed"));
    }

    private static EntraMemberChange? FromJson(JsonElement entry)
    {
        var id = entry.TryGetProperty("id", out var i) ? i.GetString() : null;
        var type = entry.TryGetProperty("@odata.type", out var t) ? t.GetString() : null;
        return Make(id, type, entry.TryGetProperty("@removed", out _));
    }

    private static EntraMemberChange? Make(string? id, string? type, bool removed) =>
        id is { Length: > 0 } ? new EntraMemberChange(id, type is null or "#microsoft.graph.user", removed) : null;
}
