namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// What the <c>code</c> of TikTok's response envelope means (the SDK's <c>tiktok_code.py</c>): 0 is OK, throttling and
/// transient server codes are retried, token codes are Unauthorized, the rest are refusals. TikTok answers business
/// errors with HTTP 200, so the envelope code, not the status, decides.
/// </summary>
internal static class TikTokCodes
{
    /// <summary>OK.</summary>
    public const int Ok = 0;

    /// <summary>NOT_EXIST: the id is unknown (a member already gone).</summary>
    public const int NotExist = 40007;

    /// <summary>Throttling: REQUEST_TOO_FREQUENT, REQUEST_FREQUENCY_LIMITED, TOO_MANY_REQUESTS_BL.</summary>
    public static bool IsThrottling(int code) => code is 40100 or 40132 or 61000;

    /// <summary>The app did not act and asks to come back later: WRITE_CONFLICT, MAINTENANCE.</summary>
    public static bool IsNotProcessed(int code) => code is 40202 or 60001;

    /// <summary>A server failure after which a write may or may not have happened: SYS_ERROR, SYS_TIMEOUT, BC_RPC_ERROR.</summary>
    public static bool IsServerFailure(int code) => code is 50000 or 50002 or 51060;

    /// <summary>The kind of a final failure with this code.</summary>
    public static ConnectorErrorKind KindOf(int code) => code switch
    {
        40001 or 40003 or 40102 or 40104 or 40105 or 40130 => ConnectorErrorKind.Unauthorized,
        _ when IsThrottling(code) => ConnectorErrorKind.Throttled,
        _ when IsNotProcessed(code) || IsServerFailure(code) => ConnectorErrorKind.Unavailable,
        _ => ConnectorErrorKind.Rejected,
    };
}
