using System.Net;
using k8s;
using k8s.Autorest;

namespace Cerby.Operator.Runtime;

/// <summary>Classifies API errors by the Status code clients switch on.</summary>
internal static class KubernetesErrors
{
    public static bool IsConflict(Exception ex) => StatusOf(ex) == HttpStatusCode.Conflict;

    public static bool IsNotFound(Exception ex) => StatusOf(ex) == HttpStatusCode.NotFound;

    /// <summary>410 Gone: a resourceVersion or continue token older than the server's history; the client must relist.</summary>
    public static bool IsGone(Exception ex) => StatusOf(ex) == HttpStatusCode.Gone;

    private static HttpStatusCode? StatusOf(Exception ex) => ex switch
    {
        HttpOperationException { Response: { } response } => response.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };
}
