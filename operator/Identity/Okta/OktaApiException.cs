using System.Net;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// An Okta call that failed for good (after any retries): the HTTP status and Okta's <c>errorCode</c>/<c>errorSummary</c>
/// (E0000007 not found, E0000011 invalid token, E0000047 rate limit, …), or why no answer came. Never carries credentials.
/// </summary>
internal sealed class OktaApiException(string message, HttpStatusCode? status = null, string? errorCode = null, string? errorSummary = null, string? errorId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public const string NotFoundCode = "E0000007";

    public HttpStatusCode? Status { get; } = status;

    public string? ErrorCode { get; } = errorCode;

    public string? ErrorSummary { get; } = errorSummary;

    /// <summary>Okta's per-request correlation id, for support cases.</summary>
    public string? ErrorId { get; } = errorId;

    public bool IsNotFound => Status == HttpStatusCode.NotFound || ErrorCode == NotFoundCode;
}
