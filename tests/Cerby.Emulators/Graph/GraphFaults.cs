namespace Cerby.Emulators.Graph;

/// <summary>
/// Switches tests flip to make the emulated tenant misbehave. Counted faults apply to the next matching requests; path
/// filters match when the request path contains the given text (null matches every path, the token endpoint included).
/// </summary>
internal sealed class GraphFaults
{
    private readonly CountedFaults _counted = new();

    /// <summary>Answers every request this long late (a slow tenant).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>List answers carry a nextLink back to the page just served once a skiptoken is in use: a paging loop.</summary>
    public bool NextLinkLoop { get; set; }

    /// <summary>Every Graph call answers 401 InvalidAuthenticationToken, whatever token it carries.</summary>
    public bool RejectTokens { get; set; }

    /// <summary>Every Graph call answers 403 Authorization_RequestDenied (permissions not consented).</summary>
    public bool DenyAccess { get; set; }

    /// <summary>The next <paramref name="times"/> matching requests answer 429 TooManyRequests with <c>Retry-After</c>.</summary>
    public void Throttle(int times, TimeSpan retryAfter, string? pathContains = null) => _counted.Add(429, retryAfter, pathContains, times);

    /// <summary>The next <paramref name="times"/> matching requests answer <paramref name="status"/> (500, 502, 503…), with <c>Retry-After</c> when given.</summary>
    public void Fail(int times, int status = 500, string? pathContains = null, TimeSpan? retryAfter = null) => _counted.Add(status, retryAfter, pathContains, times);

    /// <summary>The status to fail this request with (and its Retry-After), using the fault up once.</summary>
    public (int Status, TimeSpan? RetryAfter)? Take(string path) => _counted.Take(path);

    /// <summary>Drops every pending counted fault.</summary>
    public void Clear() => _counted.Clear();
}
