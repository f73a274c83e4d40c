namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>The error kind a final (non-retried) HTTP failure status stands for.</summary>
internal static class HttpStatusErrors
{
    /// <summary>401/403 → Unauthorized, 429 → Throttled, 408/5xx → Unavailable, any other 4xx → Rejected.</summary>
    public static ConnectorErrorKind KindOf(int status) => status switch
    {
        401 or 403 => ConnectorErrorKind.Unauthorized,
        429 => ConnectorErrorKind.Throttled,
        408 or >= 500 => ConnectorErrorKind.Unavailable,
        _ => ConnectorErrorKind.Rejected,
    };
}
