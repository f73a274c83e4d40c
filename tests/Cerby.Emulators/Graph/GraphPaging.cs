using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Graph;

/// <summary>
/// Graph's server-driven paging: <c>$top</c> (default 100, at most 999) and an opaque <c>$skiptoken</c> in an absolute
/// <c>@odata.nextLink</c> that keeps the original query options; no nextLink on the last page.
/// </summary>
internal static class GraphPaging
{
    public const int DefaultTop = 100;
    public const int MaxTop = 999;

    /// <param name="loop">Once a skiptoken is in use, the next link points back at the page just served (a paging loop).</param>
    public static JsonObject Page(HttpContext context, IReadOnlyList<JsonObject> items, string entitySet, bool loop)
    {
        var query = context.Request.Query;
        var top = int.TryParse(query["$top"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, MaxTop) : DefaultTop;
        var offset = Decode(query["$skiptoken"].ToString());
        var body = new JsonObject { ["@odata.context"] = $"{GraphBase(context)}/$metadata#{entitySet}" };
        if (loop && offset > 0)
        {
            body["@odata.nextLink"] = Url(context, offset);
        }
        else if (offset + top < items.Count)
        {
            body["@odata.nextLink"] = Url(context, offset + top);
        }

        body["value"] = new JsonArray(items.Skip(offset).Take(top).Select(i => (JsonNode)i.DeepClone()).ToArray());
        return body;
    }

    /// <summary>The Graph root of this request, e.g. http://127.0.0.1:41234/v1.0.</summary>
    public static string GraphBase(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/v1.0";

    private static string Url(HttpContext context, int offset)
    {
        var request = context.Request;
        var pairs = request.Query.Where(q => q.Key != "$skiptoken")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("$skiptoken", Encode(offset)));
        return $"{request.Scheme}://{request.Host}{request.Path}{QueryString.Create(pairs)}";
    }

    private static string Encode(int offset) => "RFNwdAIAAQAA" + Convert.ToBase64String(Encoding.ASCII.GetBytes($"o:{offset}")).TrimEnd('=');

    private static int Decode(string token)
    {
        if (token.Length <= 12)
        {
            return 0;
        }

        var b64 = token[12..];
        b64 += new string('=', (4 - (b64.Length % 4)) % 4);
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
