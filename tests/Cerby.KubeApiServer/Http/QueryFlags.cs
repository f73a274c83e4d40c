using Microsoft.AspNetCore.Http;

namespace Cerby.KubeApiServer.Http;

/// <summary>
/// Boolean query parameters (watch, allowWatchBookmarks, sendInitialEvents) parsed as apimachinery's
/// <c>Convert_Slice_string_To_bool</c> does: absent, <c>0</c> or <c>false</c> (any case) is false; every other value,
/// the empty string included, is true. So the Python client's <c>watch=True</c> is a watch.
/// </summary>
internal static class QueryFlags
{
    public static bool IsTrue(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return false;
        }

        var value = values[0] ?? "";
        return value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
