using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// Builds the hub's <see cref="ActualAccess"/>: Business Center members (BOUND active; PENDING invited; REJECTED an
/// invite to send again; UNBOUND skipped) and, for each managed ad account and catalog, its members' asset roles.
/// </summary>
/// <remarks>TikTok cannot tag who created a member, so every member reads as not managed; the hub keeps a ledger.</remarks>
internal sealed class TikTokMembershipReader(TikTokLookup lookup, TikTokConnectorOptions options)
{
    public async Task<ActualAccess> ReadAsync(CallTally tally, CancellationToken cancellationToken)
    {
        if (options.Assets.FirstOrDefault(a => !TikTokAssetTypes.IsSupported(a.Kind)) is { } unsupported)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, $"the TikTok connector reads ad accounts and catalogs only, not {unsupported}");
        }

        var entries = await lookup.MembersAsync(tally, cancellationToken).ConfigureAwait(false);
        var assets = new Dictionary<string, List<AppAsset>>(StringComparer.Ordinal);
        foreach (var asset in options.Assets.Distinct())
        {
            foreach (var (userId, role) in await lookup.AssetRolesAsync(asset, null, tally, cancellationToken).ConfigureAwait(false))
            {
                if (!assets.TryGetValue(userId, out var held))
                {
                    assets[userId] = held = [];
                }

                held.Add(new AppAsset(asset.Kind, asset.Id, TikTokAssetTypes.TasksFor(asset.Kind, role, options.RoleTasks)));
            }
        }

        return new ActualAccess(options.Hub, Members(entries, assets));
    }

    /// <summary>
    /// Reads the given people only, by the member list's <c>keyword</c> filter on each one's email, when the hub manages
    /// no assets. The reference documents the filter but not which fields it searches, so only what it finds is
    /// believed: entries with exactly that email answer for the person (merged as the full read merges them), and a
    /// keyword that finds nobody is not taken for "no member"; then, as for hubs with assets (a member's asset roles are
    /// listed per asset), null: only the full read can answer.
    /// </summary>
    public async Task<MemberRead?> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CallTally tally, CancellationToken cancellationToken)
    {
        if (options.Assets.Count > 0)
        {
            return null;
        }

        var found = new Dictionary<string, ActualMember?>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var entries = await lookup.EntriesAsync(user.Email, tally, cancellationToken).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                return null;
            }

            found[user.Key] = Members(entries, []).GetValueOrDefault(user.Key);
        }

        return new MemberRead(found, null);
    }

    /// <summary>The members of <paramref name="entries"/> by lower-case email, with the asset roles held per user id.</summary>
    private static Dictionary<string, ActualMember> Members(IReadOnlyList<TikTokMember> entries, Dictionary<string, List<AppAsset>> assets)
    {
        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var held = entry.UserId is { } id && assets.TryGetValue(id, out var list) ? list : [];
            if (entry.ToActual(held) is not { } member)
            {
                continue;
            }

            if (members.TryGetValue(member.Key, out var other) && other.State == MemberState.Active)
            {
                continue; // a seat outranks an old invite for the same email
            }

            members[member.Key] = member;
        }

        return members;
    }
}
