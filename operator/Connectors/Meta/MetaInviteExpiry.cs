using System.Text.Json;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// Whether a pending invitation (a BusinessRoleRequest) has expired: its <c>status</c> says so, or its
/// <c>expiration_time</c> has passed. Other status values (the docs name accepted, declined, expired "and so on" without
/// an enum) leave the invitation pending.
/// </summary>
internal static class MetaInviteExpiry
{
    private const string ExpiredStatus = "EXPIRED";

    public static bool IsExpired(JsonElement invite, DateTimeOffset now) =>
        string.Equals(MetaJson.OptionalString(invite, "status"), ExpiredStatus, StringComparison.OrdinalIgnoreCase)
        || MetaJson.OptionalTime(invite, "expiration_time", "a pending invitation") <= now;
}
