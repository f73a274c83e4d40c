namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>
/// Guards a paged read against a hostile or broken app: a page key (SCIM startIndex, a Graph cursor) asked for twice,
/// an item seen on two pages, or more pages than <paramref name="maxPages"/> all end the read with
/// <see cref="ConnectorErrorKind.InvalidResponse"/>, so a partial or looping list is never taken as the whole.
/// </summary>
internal sealed class PageGuard(string what, int maxPages)
{
    private readonly HashSet<string> pageKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> itemIds = new(StringComparer.Ordinal);

    /// <summary>Call before asking for a page.</summary>
    public void BeginPage(string key)
    {
        if (!pageKeys.Add(key))
        {
            throw Invalid($"page {key} was requested twice (a page loop)");
        }

        if (pageKeys.Count > maxPages)
        {
            throw Invalid($"more than {maxPages} pages");
        }
    }

    /// <summary>Call for each item a page holds.</summary>
    public void AddItem(string id)
    {
        if (!itemIds.Add(id))
        {
            throw Invalid($"item {id} appeared on two pages (the app does not advance)");
        }
    }

    /// <summary>An InvalidResponse error about this read.</summary>
    public ConnectorException Invalid(string problem) =>
        new(ConnectorErrorKind.InvalidResponse, $"reading {what}: {problem}; nothing was taken from this read");
}
