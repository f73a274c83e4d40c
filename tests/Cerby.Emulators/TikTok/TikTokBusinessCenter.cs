using System.Globalization;

namespace Cerby.Emulators.TikTok;

/// <summary>
/// One emulated Business Center: members with BC and finance roles and relation status, assets with per-member asset
/// roles, the 20-admin and 4,000-member caps. Thread-safe; tests seed and play the invitee through it.
/// </summary>
internal sealed class TikTokBusinessCenter(string id)
{
    public const int MaxMembers = 4000;
    public const int MaxAdmins = 20;
    private static readonly Dictionary<string, (string Field, string[] Roles)> AssetRoles = new(StringComparer.Ordinal)
    {
        ["ADVERTISER"] = ("advertiser_role", ["ADMIN", "OPERATOR", "ANALYST"]),
        ["CATALOG"] = ("catalog_role", ["ADMIN", "AD_PROMOTE"]),
    };

    private readonly Lock gate = new();
    private readonly List<EmulatedBcMember> members = [];
    private readonly Dictionary<(string Type, string Id), EmulatedBcAsset> assets = [];
    private long nextUserId = 7_098_765_432_109_000_000;
    private long order;

    /// <summary>The <c>bc_id</c>.</summary>
    public string Id { get; } = id;

    /// <summary>The field an asset type's role travels in, and the roles it accepts; null for a type the emulator does not hold.</summary>
    public static (string Field, string[] Roles)? RoleOf(string assetType) => AssetRoles.TryGetValue(assetType, out var r) ? r : null;

    /// <summary>Empties the Business Center.</summary>
    public void Clear()
    {
        lock (gate)
        {
            members.Clear();
            assets.Clear();
        }
    }

    /// <summary>Adds a bound member straight away; <paramref name="role"/> is "ADMIN", "STANDARD" or "STANDARD:ANALYST". Returns the user id.</summary>
    public string SeedMember(string email, string role = "STANDARD")
    {
        lock (gate)
        {
            var parts = role.Split(':');
            var member = new EmulatedBcMember { Email = email, Order = order++, UserRole = parts[0], FinanceRole = parts.Length > 1 ? parts[1] : null, Status = "BOUND" };
            member.UserId = NewUserId();
            members.Add(member);
            return member.UserId;
        }
    }

    /// <summary>Adds an asset the Business Center owns.</summary>
    public void SeedAsset(string type, string assetId)
    {
        lock (gate)
        {
            assets.TryAdd((type, assetId), new EmulatedBcAsset(type, assetId));
        }
    }

    /// <summary>The member with this email, bound or not.</summary>
    public EmulatedBcMember? MemberByEmail(string email)
    {
        lock (gate)
        {
            return members.FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The asset role the member with <paramref name="userId"/> holds on the asset, or null.</summary>
    public string? AssetRole(string type, string assetId, string userId)
    {
        lock (gate)
        {
            return assets.TryGetValue((type, assetId), out var asset) ? asset.Roles.GetValueOrDefault(userId) : null;
        }
    }

    /// <summary>Members matching the filter, in insertion order, one page of them.</summary>
    public TikTokPage<EmulatedBcMember> ListMembers(string? keyword, string? userRole, string? status, int page, int pageSize)
    {
        lock (gate)
        {
            var matching = members.Where(m => (keyword is null || m.Email.Contains(keyword, StringComparison.OrdinalIgnoreCase) || m.UserName.Contains(keyword, StringComparison.OrdinalIgnoreCase))
                && (userRole is null || m.UserRole == userRole) && (status is null || m.Status == status)).ToList();
            return new TikTokPage<EmulatedBcMember>([.. matching.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, matching.Count);
        }
    }

    /// <summary>Members of an asset (with their role), optionally by keyword, one page.</summary>
    public TikTokPage<(EmulatedBcMember Member, string Role)> ListAssetMembers(string type, string assetId, string? keyword, int page, int pageSize)
    {
        lock (gate)
        {
            var asset = Asset(type, assetId);
            var matching = members.Where(m => m.UserId is { } id && asset.Roles.ContainsKey(id)
                    && (keyword is null || m.Email.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
                .Select(m => (m, asset.Roles[m.UserId!])).ToList();
            return new([.. matching.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, matching.Count);
        }
    }

    /// <summary>Invites each email as PENDING; an email already pending or bound is refused, a declined one is invited again (unverified).</summary>
    public void Invite(IReadOnlyList<string> emails, string userRole, string? financeRole)
    {
        lock (gate)
        {
            if (members.Count(m => m.Status is "BOUND" or "PENDING") + emails.Count > MaxMembers)
            {
                throw TikTokApiException.Param($"a Business Center holds at most {MaxMembers} members");
            }

            CheckAdminCap(userRole, emails.Count);
            foreach (var email in emails)
            {
                var existing = members.FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase));
                if (existing is { Status: "BOUND" or "PENDING" })
                {
                    throw TikTokApiException.Param($"{email} is already a member or invited");
                }

                if (existing is not null)
                {
                    members.Remove(existing);
                }

                members.Add(new EmulatedBcMember { Email = email, Order = order++, UserRole = userRole, FinanceRole = financeRole, Status = "PENDING" });
            }
        }
    }

    /// <summary>The invitee accepts: BOUND, with a user id.</summary>
    public void AcceptInvite(string email) => Answer(email, m => { m.Status = "BOUND"; m.UserId ??= NewUserId(); });

    /// <summary>The invitee declines: REJECTED.</summary>
    public void RejectInvite(string email) => Answer(email, m => m.Status = "REJECTED");

    /// <summary>Changes a member's BC role and, when <paramref name="setFinance"/>, its finance role (null clears it).</summary>
    public void Update(string userId, string? userRole, bool setFinance, string? financeRole)
    {
        lock (gate)
        {
            var member = ById(userId);
            if (userRole is not null && userRole != member.UserRole)
            {
                CheckAdminCap(userRole, 1);
                member.UserRole = userRole;
            }

            if (setFinance)
            {
                member.FinanceRole = financeRole;
            }
        }
    }

    /// <summary>Deletes a member by user id, or by email (a pending invitee).</summary>
    public void Delete(string? userId, string? email)
    {
        lock (gate)
        {
            var member = userId is not null ? ById(userId)
                : members.FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase)) ?? throw TikTokApiException.NotExist($"no member with email {email}");
            members.Remove(member);
            foreach (var asset in assets.Values)
            {
                asset.Roles.Remove(member.UserId ?? "");
            }
        }
    }

    /// <summary>Assigns an asset to a bound member with a role of the asset's type.</summary>
    public void Assign(string userId, string type, string assetId, string role)
    {
        lock (gate)
        {
            var member = ById(userId);
            if (member.Status != "BOUND")
            {
                throw TikTokApiException.Param($"user {userId} has not joined the Business Center");
            }

            if (!AssetRoles[type].Roles.Contains(role))
            {
                throw TikTokApiException.Param($"{role} is not a valid {AssetRoles[type].Field}");
            }

            Asset(type, assetId).Roles[userId] = role;
        }
    }

    /// <summary>Takes an asset away from a member.</summary>
    public void Unassign(string userId, string type, string assetId)
    {
        lock (gate)
        {
            ById(userId);
            if (!Asset(type, assetId).Roles.Remove(userId))
            {
                throw TikTokApiException.Param($"user {userId} is not assigned {type} {assetId}");
            }
        }
    }

    private void Answer(string email, Action<EmulatedBcMember> change)
    {
        lock (gate)
        {
            var member = members.FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase) && m.Status == "PENDING")
                ?? throw new InvalidOperationException($"no pending invitation for {email}");
            change(member);
        }
    }

    private void CheckAdminCap(string userRole, int adding)
    {
        if (userRole == "ADMIN" && members.Count(m => m.UserRole == "ADMIN" && m.Status is "BOUND" or "PENDING") + adding > MaxAdmins)
        {
            throw TikTokApiException.Param($"a Business Center holds at most {MaxAdmins} admins");
        }
    }

    private EmulatedBcMember ById(string userId) =>
        members.FirstOrDefault(m => m.UserId == userId) ?? throw TikTokApiException.NotExist($"user {userId} does not exist in Business Center {Id}");

    private EmulatedBcAsset Asset(string type, string assetId) =>
        assets.TryGetValue((type, assetId), out var asset) ? asset : throw TikTokApiException.NotExist($"{type} {assetId} does not belong to Business Center {Id}");

    private string NewUserId() => (nextUserId++).ToString(CultureInfo.InvariantCulture);
}
