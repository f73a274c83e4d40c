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

        return new ActualAccess(options.Hub, members);
    }
}
