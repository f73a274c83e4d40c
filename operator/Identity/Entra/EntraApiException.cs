using System.Net;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// A Microsoft Graph or token call that failed for good (after any retries): the HTTP status and Graph's
/// <c>error.code</c> (Request_ResourceNotFound, Authorization_RequestDenied, syncStateNotFound, …), or why no answer
/// came. Never carries credentials or tokens.
/// </summary>
internal sealed class EntraApiException(string message, HttpStatusCode? status = null, string? code = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    public string? Code { get; } = code;

    public bool IsNotFound => Status == HttpStatusCode.NotFound || Code == "Request_ResourceNotFound";

    /// <summary>The delta token expired or is unknown: the client must start a new full sync.</summary>
    public bool IsResyncRequired => Status == HttpStatusCode.Gone || Code is "syncStateNotFound" or "resyncRequired";
}
