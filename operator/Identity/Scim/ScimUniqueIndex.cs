using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Identity.Scim;

/// <summary>Which live resource holds each value of one unique attribute (absent or empty values are not indexed). Not thread-safe: the store's lock guards it.</summary>
internal sealed class ScimUniqueIndex(string attribute, StringComparer comparer)
{
    private readonly Dictionary<string, string> _holders = new(comparer);

    public string Attribute => attribute;

    /// <summary>The id of the resource that already holds the value <paramref name="attributes"/> carry, or null.</summary>
    public string? HolderOf(JsonObject attributes) =>
        ScimJsonAttributes.String(attributes, attribute) is { Length: > 0 } value && _holders.TryGetValue(value, out var holder) ? holder : null;

    public void Add(ScimStoredResource resource)
    {
        if (resource.String(attribute) is { Length: > 0 } value)
        {
            _holders[value] = resource.Id;
        }
    }

    public void Remove(ScimStoredResource resource)
    {
        if (resource.String(attribute) is { Length: > 0 } value && _holders.TryGetValue(value, out var holder) && holder == resource.Id)
        {
            _holders.Remove(value);
        }
    }

    public void Clear() => _holders.Clear();
}
