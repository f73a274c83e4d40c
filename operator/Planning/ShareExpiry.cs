using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>
/// When a TeamShare stops granting access: spec.expiresAt, or its creation plus spec.duration. Pure: the caller passes
/// the moment to judge against. An expired share grants nothing, exactly as a deleted one: the access it alone
/// justified goes (through the planner and the removal guard), and it protects nobody.
/// </summary>
public static class ShareExpiry
{
    /// <summary>The moment the share stops granting access; null when it never does (or its creation is not known yet).</summary>
    public static DateTimeOffset? ExpiresAt(TeamShare share)
    {
        if (share.Spec.ExpiresAt is { } at)
        {
            return at;
        }

        return share.Spec.Duration is { } text && GoDuration.TryParse(text, out var duration) && share.Metadata.CreationTimestamp is { } created
            ? Utc(created) + duration
            : null;
    }

    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    /// <summary>Whether the share has expired at <paramref name="now"/> (the expiry instant itself included).</summary>
    public static bool IsExpired(TeamShare share, DateTimeOffset now) => ExpiresAt(share) is { } at && at <= now;

    /// <summary>Whether the share expires within <paramref name="warning"/> of <paramref name="now"/>, not yet expired.</summary>
    public static bool IsExpiring(TeamShare share, DateTimeOffset now, TimeSpan warning) =>
        ExpiresAt(share) is { } at && at > now && at - now <= warning;

    /// <summary>The earliest expiry after <paramref name="now"/> among the shares; null when none is ahead.</summary>
    public static DateTimeOffset? Next(IEnumerable<TeamShare> shares, DateTimeOffset now) =>
        shares.Select(ExpiresAt).Where(at => at > now).Min();
}
