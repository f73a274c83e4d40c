namespace Cerby.Emulators.Okta;

/// <summary>
/// Switches tests flip to make the emulated org misbehave. Counted faults apply to the next matching requests;
/// path filters match when the request path contains the given text (null matches every API path).
/// </summary>
internal sealed class OktaFaults
{
    private readonly CountedFaults _counted = new();

    /// <summary>Answers every request this long late (a slow org).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>List answers carry a next link back to the page just served once a cursor is in use: a paging loop.</summary>
    public bool NextLinkLoop { get; set; }

    /// <summary>Failed answers echo the Authorization header the caller presented in their errorSummary, as some servers do.</summary>
    public bool EchoCredentialsInErrors { get; set; }

    /// <summary>Each System Log page ends with a next link that delivers its last event again (at-least-once delivery).</summary>
    public bool RedeliverLastLogEvent { get; set; }

    /// <summary>The next <paramref name="times"/> matching requests answer 429 E0000047 with X-Rate-Limit-Reset <paramref name="resetIn"/> ahead.</summary>
    public void RateLimit(int times, TimeSpan resetIn, string? pathContains = null) => _counted.Add(429, resetIn, pathContains, times);

    /// <summary>The next <paramref name="times"/> matching requests answer <paramref name="status"/> (500, 502, 503…) with an Okta error body.</summary>
    public void Fail(int times, int status = 500, string? pathContains = null) => _counted.Add(status, null, pathContains, times);

    /// <summary>The status to fail this request with (and the reset delay for a 429), using the fault up once.</summary>
    public (int Status, TimeSpan? ResetIn)? Take(string path) => _counted.Take(path);
}
