using System.Globalization;

namespace Cerby.Emulators.Meta;

/// <summary>What the business endpoints do to the business; each throws <see cref="MetaGraphException"/> where Meta answers with an error.</summary>
internal sealed partial class MetaBusiness
{
    /// <summary>GET /{business}/business_users.</summary>
    public MetaListPage<EmulatedBusinessUser> ListUsers(string? after, int limit)
    {
        lock (gate)
        {
            return MetaListPage<EmulatedBusinessUser>.Slice(users.Select(u => (u.Key, u.Value)), after, limit);
        }
    }

    /// <summary>GET /{business}/pending_users, optionally filtered by email.</summary>
    public MetaListPage<EmulatedInvite> ListInvites(string? email, string? after, int limit)
    {
        lock (gate)
        {
            return MetaListPage<EmulatedInvite>.Slice(invites.Where(i => email is null || SameEmail(i.Value.Email, email)).Select(i => (i.Key, i.Value)), after, limit);
        }
    }

    /// <summary>GET /{asset}/assigned_users.</summary>
    public MetaListPage<(string UserId, IReadOnlyList<string> Tasks)> ListAssigned(string assetNode, string? after, int limit)
    {
        lock (gate)
        {
            return MetaListPage<(string, IReadOnlyList<string>)>.Slice(Asset(assetNode, "get").Assigned.Select(a => (a.Key, (Key(a.Key), a.Value))), after, limit);
        }
    }

    /// <summary>Whether the node is an asset with an assigned_users edge.</summary>
    public bool IsAsset(string node)
    {
        lock (gate)
        {
            return assets.ContainsKey(node);
        }
    }

    /// <summary>
    /// POST /{business}/business_users: invites <paramref name="email"/>. A live invitation for the email is returned as is;
    /// expired ones are replaced by the new one. Inviting a business user fails (not documented by Meta; the emulator's choice).
    /// </summary>
    public string Invite(string email, string role)
    {
        ValidateRole(role);
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw MetaGraphException.InvalidParameter("Param email must be a valid email address");
        }

        lock (gate)
        {
            if (users.Values.Any(u => SameEmail(u.Email, email)))
            {
                throw MetaGraphException.InvalidParameter($"{email} is already a member of this business");
            }

            if (LiveInvite(email) is { } live)
            {
                return live.Id;
            }

            foreach (var expired in invites.Where(i => SameEmail(i.Value.Email, email)).Select(i => i.Key).ToList())
            {
                invites.Remove(expired);
            }

            return AddInvite(email, role, null);
        }
    }

    /// <summary>GET /{id}: a business user, an invitation, an asset or the business.</summary>
    public object Node(string node)
    {
        lock (gate)
        {
            if (node == Id)
            {
                return this;
            }

            if (assets.TryGetValue(node, out var asset))
            {
                return asset;
            }

            return (object?)FindUser(node) ?? FindInvite(node) ?? throw MetaGraphException.MissingObject("GET", node);
        }
    }

    /// <summary>POST /{id} role=…: a business user's or a pending invitation's role.</summary>
    public void UpdateRole(string node, string role)
    {
        ValidateRole(role);
        lock (gate)
        {
            if (FindUser(node) is { } user)
            {
                users[long.Parse(node, CultureInfo.InvariantCulture)] = user with { Role = role };
            }
            else if (FindInvite(node) is { } invite)
            {
                invites[long.Parse(node, CultureInfo.InvariantCulture)] = invite with { Role = role };
            }
            else
            {
                throw MetaGraphException.MissingObject("POST", node);
            }
        }
    }

    /// <summary>DELETE /{id}: removes a business user (and its asset assignments) or cancels an invitation.</summary>
    public void Delete(string node)
    {
        lock (gate)
        {
            if (FindUser(node) is not null)
            {
                var key = long.Parse(node, CultureInfo.InvariantCulture);
                users.Remove(key);
                foreach (var asset in assets.Values)
                {
                    asset.Assigned.Remove(key);
                }
            }
            else if (FindInvite(node) is not null)
            {
                invites.Remove(long.Parse(node, CultureInfo.InvariantCulture));
            }
            else
            {
                throw MetaGraphException.MissingObject("DELETE", node);
            }
        }
    }

    /// <summary>POST /{asset}/assigned_users: sets the user's tasks (re-posting replaces them); ad accounts need the <c>business</c>.</summary>
    public void Assign(string assetNode, string userId, IReadOnlyList<string> tasks, string? owner)
    {
        lock (gate)
        {
            var asset = Asset(assetNode, "post");
            if (asset.Kind == EmulatedAssetKind.AdAccount && owner != Id)
            {
                throw MetaGraphException.InvalidParameter("The parameter business is required");
            }

            if (FindUser(userId) is null)
            {
                throw MetaGraphException.InvalidParameter("Param user must be a valid business scoped user id", 1487742);
            }

            if (tasks.Count == 0 || tasks.Any(t => !MetaTasks.IsValid(asset.Kind, t)))
            {
                throw MetaGraphException.InvalidParameter("The task combination is not supported", asset.Kind == EmulatedAssetKind.AdAccount ? 1752129 : null);
            }

            asset.Assigned[long.Parse(userId, CultureInfo.InvariantCulture)] = [.. tasks.Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>DELETE /{asset}/assigned_users?user=…: succeeds whether or not the user was assigned.</summary>
    public void Unassign(string assetNode, string userId)
    {
        lock (gate)
        {
            if (long.TryParse(userId, CultureInfo.InvariantCulture, out var key))
            {
                Asset(assetNode, "delete").Assigned.Remove(key);
            }
            else
            {
                throw MetaGraphException.InvalidParameter("Param user must be a valid business scoped user id");
            }
        }
    }
}
