using System.Globalization;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Where System Log polling resumes: the last <c>rel="next"</c> link, kept verbatim (Okta's <c>after</c> cursor is
/// opaque), or for a first poll a <c>since</c> query in ASCENDING order without <c>until</c> (polling mode).
/// Persist <see cref="Url"/> to resume after a restart.
/// </summary>
internal sealed record OktaLogCursor(string Url)
{
    public const int PageSize = 1000;

    public static OktaLogCursor Since(DateTimeOffset since) =>
        new($"/api/v1/logs?since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))}&sortOrder=ASCENDING&limit={PageSize}");
}
