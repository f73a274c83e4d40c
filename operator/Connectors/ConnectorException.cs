namespace Cerby.Operator.Connectors;

/// <summary>Why a connector call failed, in terms the hub's conditions and metrics use.</summary>
public enum ConnectorErrorKind
{
    /// <summary>Credentials were refused (401/403, Meta code 190).</summary>
    Unauthorized,

    /// <summary>The app throttled us and the retries ran out (429, Meta codes 4, 17, 32, 613, 80004).</summary>
    Throttled,

    /// <summary>The app could not be reached or answered 5xx, or timed out.</summary>
    Unavailable,

    /// <summary>The app answered something that is not what its API documents (bad JSON, missing fields, a page loop).</summary>
    InvalidResponse,

    /// <summary>The app refused the request as invalid (400, 409 that is not "already exists", SCIM scimType errors).</summary>
    Rejected,
}

/// <summary>A connector call that failed; the message says what, never a credential.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(ConnectorErrorKind kind, string message, int? statusCode = null, string? appErrorCode = null, Exception? inner = null, bool outcomeUnknown = false)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        AppErrorCode = appErrorCode;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>The class of failure.</summary>
    public ConnectorErrorKind Kind { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>The app's own error code (SCIM scimType, Meta code/subcode), when it gave one.</summary>
    public string? AppErrorCode { get; }

    /// <summary>
    /// A write was sent and no answer says whether the app acted on it (a timeout, a connection dropped after the request
    /// went out, a 5xx other than 503): the write may have happened. It is never repeated blindly; the caller resolves it
    /// by reading the user, and the hub's ledger keeps the entry pending until a read decides.
    /// </summary>
    public bool OutcomeUnknown { get; }
}
