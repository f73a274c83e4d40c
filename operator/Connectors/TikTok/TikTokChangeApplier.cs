using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// Applies one planned change: one read of the member (the <c>keyword</c> filter) to stay idempotent, then at most one
/// write — <c>/bc/member/invite/</c>, <c>/bc/member/update/</c>, <c>/bc/member/delete/</c>, <c>/bc/asset/assign/</c> or
/// <c>/bc/asset/unassign/</c>. Changing the role on an asset already assigned is the one exception: unassign then assign
/// (two writes), since re-assigning in place is not documented.
/// </summary>
/// <remarks>
/// TikTok has no direct add: a person joins a Business Center by accepting an email invitation, so an Add of a new person
/// invites them (hubs of type tiktok should set <c>inviteRequired</c>). A pending invitee has no <c>user_id</c> to update
/// or grant assets to, so those changes are refused until the invite is accepted. TikTok has no suspended state and
/// members carry no custom attributes: Suspend and UpdateAttributes are refused.
/// </remarks>
internal sealed class TikTokChangeApplier(TikTokClient client, TikTokLookup lookup, TikTokConnectorOptions options)
{
    private const string InvitePath = "bc/member/invite/";
    private const string UpdatePath = "bc/member/update/";
    private const string DeletePath = "bc/member/delete/";
    private const string AssignPath = "bc/asset/assign/";
    private const string UnassignPath = "bc/asset/unassign/";

    public async Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken)
    {
        var tally = new CallTally();
        var (outcome, detail) = change.Kind switch
        {
            AccessChangeKind.Invite or AccessChangeKind.Add or AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole =>
                await SeatAsync(change, tally, cancellationToken).ConfigureAwait(false),
            AccessChangeKind.Remove or AccessChangeKind.CancelInvite => await RemoveAsync(change, tally, cancellationToken).ConfigureAwait(false),
            AccessChangeKind.GrantAsset or AccessChangeKind.RevokeAsset => await AssetAsync(change, tally, cancellationToken).ConfigureAwait(false),
            _ => throw new ConnectorException(ConnectorErrorKind.Rejected, $"TikTok Business Center has no {change.Kind} (no suspended state, no custom attributes)"),
        };
        return new ApplyResult(outcome, detail, tally.Count);
    }

    private async Task<(ApplyOutcome, string)> SeatAsync(AccessChange change, CallTally tally, CancellationToken cancellationToken)
    {
        var role = TikTokRole.Parse(change.NativeRole);
        var member = await lookup.MemberAsync(change.Email, tally, cancellationToken).ConfigureAwait(false);
        if (member is null || member.Status is not (TikTokMember.Bound or TikTokMember.Pending))
        {
            if (change.Kind is AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole)
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected, $"{change.Email} is not a member of Business Center {options.BusinessCenterId}, so its role cannot change");
            }

            var invite = Body();
            invite["emails"] = new JsonArray(change.Email);
            invite["user_role"] = role.UserRole;
            AddFinanceRole(invite, role);
            invite["asset_ids"] = new JsonArray(); // required by the SDK model; no asset grant with the invite
            await WriteAsync(InvitePath, invite, tally, cancellationToken).ConfigureAwait(false);
            return (ApplyOutcome.Applied, $"POST /{InvitePath} {change.Email} user_role={role.Name}");
        }

        if (string.Equals(member.Role, role.Name, StringComparison.Ordinal))
        {
            return (ApplyOutcome.AlreadyInPlace, $"{change.Email} is already {role.Name} ({member.Status})");
        }

        var userId = member.UserId ?? throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"{change.Email} has not accepted the invitation yet, so TikTok has no user_id whose role could change to {role.Name}");
        var update = Body();
        update["user_id"] = userId;
        update["user_role"] = role.UserRole;
        AddFinanceRole(update, role);
        await WriteAsync(UpdatePath, update, tally, cancellationToken).ConfigureAwait(false);
        return (ApplyOutcome.Applied, $"POST /{UpdatePath} {userId} user_role={member.Role} → {role.Name}");
    }

    private async Task<(ApplyOutcome, string)> RemoveAsync(AccessChange change, CallTally tally, CancellationToken cancellationToken)
    {
        var member = await lookup.MemberAsync(change.Email, tally, cancellationToken).ConfigureAwait(false);
        if (member is null)
        {
            return (ApplyOutcome.AlreadyInPlace, $"{change.Email} is not in Business Center {options.BusinessCenterId}");
        }

        var delete = Body();
        if (member.UserId is { } id)
        {
            delete["user_id"] = id;
        }
        else
        {
            delete["user_email"] = member.Email; // a pending invitee has no user_id yet
        }

        var reply = await client.PostAsync(DeletePath, delete, tally, cancellationToken).ConfigureAwait(false);
        return reply.Code switch
        {
            TikTokCodes.Ok => (ApplyOutcome.Applied, $"POST /{DeletePath} {member.UserId ?? member.Email} ({member.Status})"),
            TikTokCodes.NotExist => (ApplyOutcome.AlreadyInPlace, $"{change.Email} was already gone"),
            _ => throw reply.Failure($"POST /{DeletePath}"),
        };
    }

    private async Task<(ApplyOutcome, string)> AssetAsync(AccessChange change, CallTally tally, CancellationToken cancellationToken)
    {
        var asset = change.Asset ?? throw new ConnectorException(ConnectorErrorKind.Rejected, $"{change.Kind} for {change.Email} names no asset");
        var wanted = change.Tasks is { } tasks ? TikTokAssetTypes.RoleFor(asset.Kind, tasks, asset.ToString()) : null;
        var member = await lookup.MemberAsync(change.Email, tally, cancellationToken).ConfigureAwait(false);
        if (member is not { Status: TikTokMember.Bound, UserId: { } userId })
        {
            return wanted is null
                ? (ApplyOutcome.AlreadyInPlace, $"{change.Email} holds no seat, so no access to {asset}")
                : throw new ConnectorException(ConnectorErrorKind.Rejected, $"{change.Email} holds no seat in Business Center {options.BusinessCenterId} yet, so {asset} cannot be assigned");
        }

        var current = (await lookup.AssetRolesAsync(asset, member.Email, tally, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(userId);
        if (current == wanted)
        {
            return (ApplyOutcome.AlreadyInPlace, $"{change.Email} already has {wanted ?? "no access"} on {asset}");
        }

        if (current is not null)
        {
            await WriteAsync(UnassignPath, AssetBody(userId, asset), tally, cancellationToken).ConfigureAwait(false);
        }

        if (wanted is not null)
        {
            var assign = AssetBody(userId, asset);
            assign[TikTokAssetTypes.RoleField(asset.Kind)] = wanted;
            await WriteAsync(AssignPath, assign, tally, cancellationToken).ConfigureAwait(false);
        }

        return (ApplyOutcome.Applied, $"{(current is null ? "" : $"POST /{UnassignPath} ")}{(wanted is null ? "" : $"POST /{AssignPath} ")}{userId} {asset} {current ?? "-"} → {wanted ?? "-"}");
    }

    private async Task WriteAsync(string path, JsonObject body, CallTally tally, CancellationToken cancellationToken)
    {
        var reply = await client.PostAsync(path, body, tally, cancellationToken).ConfigureAwait(false);
        if (reply.Code != TikTokCodes.Ok)
        {
            throw reply.Failure($"POST /{path}");
        }
    }

    private JsonObject Body() => new() { ["bc_id"] = options.BusinessCenterId };

    private JsonObject AssetBody(string userId, AssetRef asset)
    {
        var body = Body();
        body["user_id"] = userId;
        body["asset_type"] = TikTokAssetTypes.AssetType(asset.Kind);
        body["asset_id"] = asset.Id;
        return body;
    }

    /// <summary>The finance role; an empty <c>ext_user_role</c> clears it (how TikTok clears one is not documented).</summary>
    private static void AddFinanceRole(JsonObject body, TikTokRole role) =>
        body["ext_user_role"] = role.FinanceRole is null ? new JsonObject() : new JsonObject { ["finance_role"] = role.FinanceRole };
}
