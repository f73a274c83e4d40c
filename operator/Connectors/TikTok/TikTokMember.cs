using System.Text.Json;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>One entry of <c>/bc/member/get/</c>: <c>{user_id, user_name, user_email, user_role, ext_user_role, relation_status}</c>.</summary>
/// <param name="UserId">The member's id; absent for a pending invitee in the emulator (unverified in the real API).</param>
/// <param name="Email">The email, the match key.</param>
/// <param name="Role">The BC role with the finance role, as a hub names it.</param>
/// <param name="Status">BOUND, UNBOUND, REJECTED or PENDING.</param>
internal sealed record TikTokMember(string? UserId, string Email, string Role, string Status)
{
    /// <summary>A member holding a seat.</summary>
    public const string Bound = "BOUND";

    /// <summary>An invitee who has not answered.</summary>
    public const string Pending = "PENDING";

    /// <summary>An invitee who declined.</summary>
    public const string Rejected = "REJECTED";

    /// <summary>The key of an entry for the pager's duplicate check.</summary>
    public static string KeyOf(JsonElement item) => Text(item, "user_email")?.ToLowerInvariant() ?? Text(item, "user_id") ?? "?";

    /// <summary>Reads an entry strictly: email, role and status must be there.</summary>
    public static TikTokMember Parse(JsonElement item)
    {
        var email = Text(item, "user_email") is { Length: > 0 } e ? e : throw Invalid("a member without \"user_email\"");
        var userRole = Text(item, "user_role") ?? throw Invalid($"member {email} without \"user_role\"");
        var status = Text(item, "relation_status") ?? throw Invalid($"member {email} without \"relation_status\"");
        var finance = item.TryGetProperty("ext_user_role", out var ext) ? Text(ext, "finance_role") : null;
        return new TikTokMember(Text(item, "user_id"), email, finance is { Length: > 0 } ? $"{userRole}:{finance}" : userRole, status);
    }

    /// <summary>The member as the planner sees it; null for an unlinked (UNBOUND) entry, which holds no seat and no invite.</summary>
    public ActualMember? ToActual(IReadOnlyList<AppAsset> assets) => Status switch
    {
        Bound => new ActualMember(Email.ToLowerInvariant(), Email, UserId, Role, MemberState.Active, Managed: false, assets, ActualMember.NoAttributes),
        Pending or Rejected => new ActualMember(Email.ToLowerInvariant(), Email, UserId, Role, MemberState.Invited, Managed: false, [], ActualMember.NoAttributes,
            InviteExpired: Status == Rejected),
        _ => null,
    };

    private static string? Text(JsonElement item, string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ConnectorException Invalid(string what) => new(ConnectorErrorKind.InvalidResponse, $"TikTok returned {what}");
}
