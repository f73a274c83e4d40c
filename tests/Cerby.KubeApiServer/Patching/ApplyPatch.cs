using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Patching;

/// <summary>
/// Server-side apply, approximated for one field manager at a time: the fields the manager applied last time and
/// leaves out now are removed (as the real server removes fields a manager no longer owns), then the new
/// configuration is merged in like a merge patch (lists are replaced whole, not merged by key).
/// </summary>
internal static class ApplyPatch
{
    public static JsonNode? Apply(JsonObject current, JsonObject? previouslyApplied, JsonObject applied)
    {
        var result = current.DeepClone().AsObject();
        if (previouslyApplied is not null)
        {
            RemoveOmitted(result, previouslyApplied, applied);
        }

        return MergePatch.Apply(result, applied);
    }

    private static void RemoveOmitted(JsonObject target, JsonObject previous, JsonObject now)
    {
        foreach (var (name, before) in previous)
        {
            if (!now.ContainsKey(name))
            {
                target.Remove(name);
            }
            else if (before is JsonObject beforeObject && now[name] is JsonObject nowObject && target[name] is JsonObject targetObject)
            {
                RemoveOmitted(targetObject, beforeObject, nowObject);
            }
        }
    }
}
