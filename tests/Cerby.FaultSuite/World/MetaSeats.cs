using Cerby.Emulators.Meta;

namespace Cerby.FaultSuite.World;

/// <summary>Who has access in the Meta emulator: a business user or a live (unexpired) invitation.</summary>
internal static class MetaSeats
{
    /// <summary>How many of <paramref name="emails"/> hold a business user or a live invitation.</summary>
    public static int Holding(MetaEmulator meta, IReadOnlyList<string> emails)
    {
        var users = meta.Business.Users.Select(u => u.Email ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var invited = meta.Business.Invites.Where(i => !meta.Business.IsExpired(i)).Select(i => i.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return emails.Count(e => users.Contains(e) || invited.Contains(e));
    }
}
