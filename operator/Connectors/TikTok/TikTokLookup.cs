using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// The reads the connector makes: every member (<c>/bc/member/get/</c>), one member by email (the <c>keyword</c>
/// filter, matched exactly on <c>user_email</c> here), and the members of one asset with their asset role
/// (<c>/bc/asset/member/get/</c>, at most 20 per page).
/// </summary>
internal sealed class TikTokLookup(TikTokPager pager, TikTokConnectorOptions options)
{
    public const string MembersPath = "bc/member/get/";
    public const string AssetMembersPath = "bc/asset/member/get/";

    /// <summary>Every member entry of the Business Center.</summary>
    public async Task<IReadOnlyList<TikTokMember>> MembersAsync(CallTally tally, CancellationToken cancellationToken) =>
        [.. (await pager.ReadAllAsync(MembersPath, [Bc()], options.PageSize, TikTokMember.KeyOf, tally, cancellationToken).ConfigureAwait(false))
            .Select(TikTokMember.Parse)];

    /// <summary>The entry with exactly this email, or null.</summary>
    public async Task<TikTokMember?> MemberAsync(string email, CallTally tally, CancellationToken cancellationToken)
    {
        var filtering = new JsonObject { ["keyword"] = email }.ToJsonString();
        var found = await pager.ReadAllAsync(MembersPath, [Bc(), new("filtering", filtering)], options.PageSize, TikTokMember.KeyOf, tally, cancellationToken).ConfigureAwait(false);
        return found.Select(TikTokMember.Parse).FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every entry whose email is exactly <paramref name="email"/> (ignoring case), found by the <c>keyword</c> filter.</summary>
    public async Task<IReadOnlyList<TikTokMember>> EntriesAsync(string email, CallTally tally, CancellationToken cancellationToken)
    {
        var filtering = new JsonObject { ["keyword"] = email }.ToJsonString();
        var found = await pager.ReadAllAsync(MembersPath, [Bc(), new("filtering", filtering)], options.PageSize, TikTokMember.KeyOf, tally, cancellationToken).ConfigureAwait(false);
        return [.. found.Select(TikTokMember.Parse).Where(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The asset role of each member of <paramref name="asset"/> (by user id); <paramref name="email"/> narrows the read to one person.</summary>
    public async Task<Dictionary<string, string>> AssetRolesAsync(AssetRef asset, string? email, CallTally tally, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> query = [Bc(), new("asset_type", TikTokAssetTypes.AssetType(asset.Kind)), new("asset_id", asset.Id)];
        if (email is not null)
        {
            query.Add(new("filtering", new JsonObject { ["keyword"] = email }.ToJsonString()));
        }

        var entries = await pager.ReadAllAsync(AssetMembersPath, query, options.AssetMemberPageSize, e => Text(e, "user_id") ?? "?", tally, cancellationToken).ConfigureAwait(false);
        var field = TikTokAssetTypes.RoleField(asset.Kind);
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = Text(entry, "user_id") ?? throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"TikTok returned a member of {asset} without \"user_id\"");
            if (email is null || string.Equals(Text(entry, "user_email"), email, StringComparison.OrdinalIgnoreCase))
            {
                roles[id] = Text(entry, field) ?? throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"TikTok returned member {id} of {asset} without \"{field}\"");
            }
        }

        return roles;
    }

    private KeyValuePair<string, string> Bc() => new("bc_id", options.BusinessCenterId);

    private static string? Text(JsonElement item, string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
