namespace Cerby.Emulators.Meta;

/// <summary>What an injected fault does to a request.</summary>
internal enum MetaFaultKind
{
    /// <summary>HTTP 400 with a throttling code (4, 17, 32, 613, 80000–80014) and the matching usage header.</summary>
    Throttle,

    /// <summary>HTTP 429 with <c>Retry-After</c> and Graph code 4 (not Meta's usual answer, which is a 400; for generic retry checks).</summary>
    TooManyRequests,

    /// <summary>An HTTP 5xx with Graph code 2, "service temporarily unavailable".</summary>
    ServerError,

    /// <summary>The answer comes after a delay (then normally).</summary>
    Slow,

    /// <summary>HTTP 200 with truncated JSON.</summary>
    MalformedJson,

    /// <summary>A list edge hands back the first page and the same <c>after</c> cursor every time, with <c>next</c>.</summary>
    CursorLoop,
}

/// <summary>A fault to inject into the next matching requests.</summary>
/// <param name="Code">The Graph error code of a throttling fault.</param>
/// <param name="StatusCode">The HTTP status of a server error.</param>
/// <param name="Delay">How long a slow answer is held back, or the Retry-After of a 429.</param>
/// <param name="RegainMinutes">The <c>estimated_time_to_regain_access</c> a business-use-case throttle reports.</param>
internal sealed record MetaFault(MetaFaultKind Kind, int Code = 0, int StatusCode = 0, TimeSpan Delay = default, int RegainMinutes = 0)
{
    /// <summary>Throttling with Meta's <paramref name="code"/>; business-use-case codes (80000+) report <paramref name="regainMinutes"/> in X-Business-Use-Case-Usage.</summary>
    public static MetaFault Throttle(int code, int regainMinutes = 1) => new(MetaFaultKind.Throttle, Code: code, RegainMinutes: regainMinutes);

    /// <summary>HTTP 429 asking to retry after <paramref name="retryAfterSeconds"/>.</summary>
    public static MetaFault TooManyRequests(int retryAfterSeconds) => new(MetaFaultKind.TooManyRequests, Delay: TimeSpan.FromSeconds(retryAfterSeconds));

    /// <summary>A server error with the given status.</summary>
    public static MetaFault ServerError(int statusCode = 500) => new(MetaFaultKind.ServerError, StatusCode: statusCode);

    /// <summary>A response held back for <paramref name="delay"/>.</summary>
    public static MetaFault Slow(TimeSpan delay) => new(MetaFaultKind.Slow, Delay: delay);

    /// <summary>A 200 answer whose JSON breaks off.</summary>
    public static MetaFault MalformedJson() => new(MetaFaultKind.MalformedJson);

    /// <summary>A list edge whose cursor never advances.</summary>
    public static MetaFault CursorLoop() => new(MetaFaultKind.CursorLoop);
}
