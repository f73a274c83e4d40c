namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// URNs and Rest.li keys as LinkedIn's own client writes them: URN values percent-encoded, the structural <c>(),:</c>
/// left bare, compound-key fields in sorted order, e.g. <c>(account:urn%3Ali%3AsponsoredAccount%3A1,user:urn%3Ali%3Aperson%3Aab)</c>.
/// </summary>
internal static class LinkedInUrns
{
    /// <summary>The prefix of every member's URN.</summary>
    public const string PersonPrefix = "urn:li:person:";

    /// <summary>The URN of ad account <paramref name="id"/>.</summary>
    public static string SponsoredAccount(string id) => $"urn:li:sponsoredAccount:{id}";

    /// <summary>Whether <paramref name="urn"/> names a person.</summary>
    public static bool IsPerson(string urn) => urn.StartsWith(PersonPrefix, StringComparison.Ordinal) && urn.Length > PersonPrefix.Length;

    /// <summary>The path of one ad account user: <c>adAccountUsers/(account:…,user:…)</c>.</summary>
    public static string AccountUserPath(string accountUrn, string personUrn) =>
        $"adAccountUsers/(account:{Uri.EscapeDataString(accountUrn)},user:{Uri.EscapeDataString(personUrn)})";

    /// <summary>The finder of an account's users, one page.</summary>
    public static string AccountUsersPage(string accountUrn, int start, int count) =>
        $"adAccountUsers?q=accounts&accounts=List({Uri.EscapeDataString(accountUrn)})&start={start}&count={count}";
}
