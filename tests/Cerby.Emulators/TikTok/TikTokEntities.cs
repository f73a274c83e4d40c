namespace Cerby.Emulators.TikTok;

/// <summary>A Business Center member or invitee. A pending invitee has no user id until accepting (emulator choice, unverified).</summary>
internal sealed class EmulatedBcMember
{
    public required string Email { get; init; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = "";

    public string UserRole { get; set; } = "STANDARD";

    public string? FinanceRole { get; set; }

    public string Status { get; set; } = "PENDING";

    /// <summary>Insertion order, for stable paging.</summary>
    public long Order { get; init; }
}

/// <summary>An asset of the Business Center and the asset role of each member assigned to it, by user id.</summary>
internal sealed class EmulatedBcAsset(string type, string id)
{
    public string Type { get; } = type;

    public string Id { get; } = id;

    public Dictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);
}

/// <summary>One page of a list and the totals <c>page_info</c> reports.</summary>
internal sealed record TikTokPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int TotalPages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}
