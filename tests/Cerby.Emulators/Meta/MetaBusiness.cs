using System.Globalization;

namespace Cerby.Emulators.Meta;

/// <summary>
/// The in-memory business portfolio: business users, pending invitations, pages and ad accounts with their assigned
/// users and tasks. This part is test-facing: seed, inspect, and play the invitee (accept, let expire); the Graph-facing
/// part is in MetaBusiness.Graph.cs.
/// </summary>
internal sealed partial class MetaBusiness(string id, TimeProvider time)
{
    private static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(30);

    private readonly Lock gate = new();
    private readonly SortedDictionary<long, EmulatedBusinessUser> users = [];
    private readonly SortedDictionary<long, EmulatedInvite> invites = [];
    private readonly Dictionary<string, EmulatedAsset> assets = new(StringComparer.Ordinal);
    private long nextUserId = 10158000000000001;
    private long nextInviteId = 2345000000000001;

    /// <summary>The business id.</summary>
    public string Id { get; } = id;

    /// <summary>Business users, in id order.</summary>
    public IReadOnlyList<EmulatedBusinessUser> Users
    {
        get
        {
            lock (gate)
            {
                return [.. users.Values];
            }
        }
    }

    /// <summary>Pending invitations (expired ones included), in id order.</summary>
    public IReadOnlyList<EmulatedInvite> Invites
    {
        get
        {
            lock (gate)
            {
                return [.. invites.Values];
            }
        }
    }

    /// <summary>Forgets every user, invitation, asset and assignment (ids keep counting, so none is reused).</summary>
    public void Clear()
    {
        lock (gate)
        {
            users.Clear();
            invites.Clear();
            assets.Clear();
        }
    }

    /// <summary>Seeds a business user; a null email makes a user Meta returns without one.</summary>
    public string SeedUser(string? email, string role = "EMPLOYEE", string? name = null)
    {
        lock (gate)
        {
            var key = nextUserId++;
            users[key] = new EmulatedBusinessUser(Key(key), email, role, name ?? email?.Split('@')[0] ?? "no email");
            return Key(key);
        }
    }

    /// <summary>Seeds a pending invitation.</summary>
    public string SeedInvite(string email, string role = "EMPLOYEE", DateTimeOffset? expires = null)
    {
        lock (gate)
        {
            return AddInvite(email, role, expires);
        }
    }

    /// <summary>Seeds a page; returns its node id.</summary>
    public string SeedPage(string pageId) => SeedAsset(pageId, EmulatedAssetKind.Page);

    /// <summary>Seeds an ad account (with or without <c>act_</c>); returns its node id <c>act_{id}</c>.</summary>
    public string SeedAdAccount(string adAccountId) =>
        SeedAsset(adAccountId.StartsWith("act_", StringComparison.Ordinal) ? adAccountId : "act_" + adAccountId, EmulatedAssetKind.AdAccount);

    /// <summary>Seeds an assignment of a business user to an asset, bypassing validation.</summary>
    public void SeedAssignment(string assetNode, string userId, params string[] tasks)
    {
        lock (gate)
        {
            assets[assetNode].Assigned[long.Parse(userId, CultureInfo.InvariantCulture)] = tasks;
        }
    }

    /// <summary>The invitee accepts: the live invitation for <paramref name="email"/> becomes a business user; returns the new business-scoped id.</summary>
    public string AcceptInvite(string email)
    {
        lock (gate)
        {
            var invite = LiveInvite(email) ?? throw new InvalidOperationException($"no live invitation for {email}");
            invites.Remove(long.Parse(invite.Id, CultureInfo.InvariantCulture));
            var key = nextUserId++;
            users[key] = new EmulatedBusinessUser(Key(key), invite.Email, invite.Role, invite.Email.Split('@')[0]);
            return Key(key);
        }
    }

    /// <summary>Lets the live invitation for <paramref name="email"/> expire.</summary>
    public void ExpireInvite(string email)
    {
        lock (gate)
        {
            var invite = LiveInvite(email) ?? throw new InvalidOperationException($"no live invitation for {email}");
            invites[long.Parse(invite.Id, CultureInfo.InvariantCulture)] = invite with { ExpirationTime = time.GetUtcNow().AddSeconds(-1) };
        }
    }

    /// <summary>The business user with this email, if any.</summary>
    public EmulatedBusinessUser? UserByEmail(string email)
    {
        lock (gate)
        {
            return users.Values.FirstOrDefault(u => SameEmail(u.Email, email));
        }
    }

    /// <summary>The newest invitation for this email (live or expired), if any.</summary>
    public EmulatedInvite? InviteByEmail(string email)
    {
        lock (gate)
        {
            return invites.Values.LastOrDefault(i => SameEmail(i.Email, email));
        }
    }

    /// <summary>The tasks a user has on an asset; null when not assigned.</summary>
    public IReadOnlyList<string>? TasksOf(string assetNode, string userId)
    {
        lock (gate)
        {
            return assets[assetNode].Assigned.GetValueOrDefault(long.Parse(userId, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Whether an invitation has expired now.</summary>
    public bool IsExpired(EmulatedInvite invite) => invite.ExpirationTime <= time.GetUtcNow();

    private string SeedAsset(string node, EmulatedAssetKind kind)
    {
        lock (gate)
        {
            assets[node] = new EmulatedAsset(node, kind);
            return node;
        }
    }

    private string AddInvite(string email, string role, DateTimeOffset? expires)
    {
        var now = time.GetUtcNow();
        var key = nextInviteId++;
        invites[key] = new EmulatedInvite(Key(key), email, role, now, expires ?? now + InviteLifetime);
        return Key(key);
    }

    private EmulatedInvite? LiveInvite(string email) => invites.Values.FirstOrDefault(i => SameEmail(i.Email, email) && !IsExpired(i));

    private EmulatedBusinessUser? FindUser(string node) =>
        long.TryParse(node, CultureInfo.InvariantCulture, out var key) ? users.GetValueOrDefault(key) : null;

    private EmulatedInvite? FindInvite(string node) =>
        long.TryParse(node, CultureInfo.InvariantCulture, out var key) ? invites.GetValueOrDefault(key) : null;

    private EmulatedAsset Asset(string node, string method) => assets.TryGetValue(node, out var asset) ? asset : throw MetaGraphException.MissingObject(method, node);

    private static void ValidateRole(string role)
    {
        if (!MetaTasks.Roles.Contains(role))
        {
            throw MetaGraphException.InvalidParameter($"Param role must be one of {{{string.Join(", ", MetaTasks.Roles)}}}");
        }
    }

    private static bool SameEmail(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);
}
