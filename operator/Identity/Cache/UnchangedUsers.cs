using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Cache;

/// <summary>
/// A read brings a new record for every user, and almost all of them say what the previous one said. The directory
/// keeps the records it had for those, so that it and the access model (whose teams hold their members' records) share
/// one copy of each user instead of one each: at 100,000 users a copy is tens of MB, and without this every full read
/// (the cold start's groups-first step, each resync) would leave the model holding the older copy.
/// </summary>
internal static class UnchangedUsers
{
    /// <summary><paramref name="after"/>, with each user that <see cref="DirectoryDiff.SameUser"/> finds unchanged as the record <paramref name="before"/> had.</summary>
    public static IdpDirectory Reuse(IdpDirectory? before, IdpDirectory after)
    {
        if (before is null || before.Users.Count == 0 || ReferenceEquals(before.Users, after.Users))
        {
            return after;
        }

        var users = new Dictionary<string, IdpUser>(after.Users.Count, StringComparer.Ordinal);
        foreach (var (id, user) in after.Users)
        {
            users[id] = before.Users.TryGetValue(id, out var kept) && DirectoryDiff.SameUser(kept, user) ? kept : user;
        }

        return after with { Users = users };
    }
}
