using System.Text.Json;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// Builds the hub's <see cref="ActualAccess"/> from business users (active), pending invitations (invited) and the
/// assigned users of each managed page and ad account (their tasks become the member's assets).
/// </summary>
/// <remarks>
/// Meta cannot tag a person with who created them, so every member reads as <see cref="ActualMember.Managed"/> false;
/// the reconciler's own ledger says which ones the operator provisioned. Meta has no suspended state, so nobody reads
/// as suspended. People assigned to an asset who are not business users of this business (system users, people of a
/// partner business) are not members and are skipped.
/// </remarks>
internal sealed class MetaMembershipReader(MetaPager pager, MetaConnectorOptions options, TimeProvider time, MetaGraphClient client)
{
    /// <summary>
    /// Reads the given people only: a business user last seen active by its id (<c>GET /{id}?fields=id,email,role</c>),
    /// anyone else by their pending invitations (<c>GET /{business}/pending_users?email=</c>). Null when only a full read
    /// can answer: the hub manages assets (a person's tasks are listed per asset), or someone has no invitation and no
    /// business user id known (an invitation last seen is gone, accepted or withdrawn; or a person never seen): business
    /// users cannot be looked up by email.
    /// </summary>
    public async Task<MemberRead?> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, GraphCallTally tally, CancellationToken cancellationToken)
    {
        if (options.Assets.Count > 0)
        {
            return null;
        }

        var found = new Dictionary<string, ActualMember?>(StringComparer.Ordinal);
        foreach (var lookup in users)
        {
            if (lookup.LastSeen is { State: MemberState.Active, AppUserId: { Length: > 0 } id }
                && await BusinessUserAsync(id, lookup.Email, tally, cancellationToken).ConfigureAwait(false) is { } user)
            {
                found[lookup.Key] = user;
                continue;
            }

            var invites = await pager.ReadAllAsync(
                $"{MetaGraphPaths.Escape(options.BusinessId)}/pending_users?email={Uri.EscapeDataString(lookup.Email)}&fields=id,email,role,status,expiration_time", tally, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var mine = invites.Select(i => PendingInvite(i, now)).Where(m => m.Key == lookup.Key).OrderBy(m => m.InviteExpired).ToList();
            if (mine.Count == 0 && lookup.LastSeen is not { State: MemberState.Active, AppUserId.Length: > 0 })
            {
                return null; // no invitation and no known business user: only the full list can tell whether they are one
            }

            found[lookup.Key] = mine.Count > 0 ? mine[0] : null;
        }

        return new MemberRead(found, null);
    }

    private async Task<ActualMember?> BusinessUserAsync(string id, string email, GraphCallTally tally, CancellationToken cancellationToken)
    {
        JsonElement node;
        try
        {
            node = await client.GetAsync($"{MetaGraphPaths.Escape(id)}?fields=id,email,role", tally, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (MetaGraphError.NamesMissingObject(e))
        {
            return null;
        }

        return MetaJson.OptionalString(node, "email") is { } seen && string.Equals(seen, email, StringComparison.OrdinalIgnoreCase)
            && MetaJson.OptionalString(node, "role") is not null
            ? BusinessUser(node)
            : null;
    }

    public async Task<ActualAccess> ReadAsync(GraphCallTally tally, CancellationToken cancellationToken)
    {
        var business = MetaGraphPaths.Escape(options.BusinessId);
        var unsupported = options.Assets.FirstOrDefault(a => !MetaGraphPaths.IsSupported(a.Kind));
        if (unsupported is not null)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, $"the Meta connector reads pages and ad accounts only, not {unsupported}");
        }

        var users = await pager.ReadAllAsync($"{business}/business_users?fields=id,email,role", tally, cancellationToken).ConfigureAwait(false);
        var invites = await pager.ReadAllAsync($"{business}/pending_users?fields=id,email,role,status,expiration_time", tally, cancellationToken).ConfigureAwait(false);

        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        var keyById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var member = BusinessUser(user);
            if (!members.TryAdd(member.Key, member))
            {
                throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta returned two business users with the email of {member.AppUserId} and {members[member.Key].AppUserId}");
            }

            keyById[member.AppUserId!] = member.Key;
        }

        var now = time.GetUtcNow();
        foreach (var invite in invites)
        {
            var member = PendingInvite(invite, now);
            if (members.TryGetValue(member.Key, out var existing) && existing.State == MemberState.Invited && !existing.InviteExpired)
            {
                continue; // a live invite outranks an expired one for the same email
            }

            if (existing is null || existing.State == MemberState.Invited)
            {
                members[member.Key] = member; // a business user outranks any invite for the same email
            }
        }

        var assets = await AssignedAssetsAsync(keyById, tally, cancellationToken).ConfigureAwait(false);
        foreach (var (key, held) in assets)
        {
            members[key] = members[key] with { Assets = held };
        }

        return new ActualAccess(options.Hub, members);
    }

    private async Task<Dictionary<string, List<AppAsset>>> AssignedAssetsAsync(Dictionary<string, string> keyById, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var business = Uri.EscapeDataString(options.BusinessId);
        var held = new Dictionary<string, List<AppAsset>>(StringComparer.Ordinal);
        foreach (var asset in options.Assets.Distinct())
        {
            var assigned = await pager.ReadAllAsync($"{MetaGraphPaths.AssignedUsers(asset)}?business={business}&fields=id,tasks", tally, cancellationToken).ConfigureAwait(false);
            foreach (var entry in assigned)
            {
                var id = MetaJson.RequiredString(entry, "id", $"an assigned user of {asset}");
                var tasks = MetaJson.RequiredStrings(entry, "tasks", $"assigned user {id} of {asset}");
                if (keyById.TryGetValue(id, out var key))
                {
                    if (!held.TryGetValue(key, out var list))
                    {
                        held[key] = list = [];
                    }

                    list.Add(new AppAsset(asset.Kind, asset.Id, tasks.Order(StringComparer.Ordinal).ToList()));
                }
            }
        }

        return held;
    }

    private static ActualMember BusinessUser(JsonElement user)
    {
        var id = MetaJson.RequiredString(user, "id", "a business user");
        var email = MetaJson.RequiredString(user, "email", $"business user {id}");
        var role = MetaJson.RequiredString(user, "role", $"business user {id}");
        return new ActualMember(email.ToLowerInvariant(), email, id, role, MemberState.Active, Managed: false, [], ActualMember.NoAttributes);
    }

    private static ActualMember PendingInvite(JsonElement invite, DateTimeOffset now)
    {
        var id = MetaJson.RequiredString(invite, "id", "a pending invitation");
        var email = MetaJson.RequiredString(invite, "email", $"pending invitation {id}");
        var expired = MetaInviteExpiry.IsExpired(invite, now);
        return new ActualMember(email.ToLowerInvariant(), email, id, MetaJson.OptionalString(invite, "role"), MemberState.Invited, Managed: false, [],
            ActualMember.NoAttributes, InviteExpired: expired);
    }
}
