using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>
/// Applies one planned change with one mutate (a search first, to stay idempotent): invitations through
/// <c>customerUserAccessInvitations:mutate</c> (create, remove), roles and removals through
/// <c>customerUserAccesses:mutate</c> (update of accessRole, remove).
/// </summary>
/// <remarks>
/// Google Ads has no direct add (reference section 3): an <see cref="AccessChangeKind.Add"/> of a new person invites
/// them (hubs of type googleAds should set <c>inviteRequired</c>). Invitations are immutable, so a role change of a
/// pending invitation cancels it and invites again: the one documented case of two writes. A change held for a second
/// admin's approval (multi-party review) is reported as not applied, and a user whose change waits for review is not
/// written again. The last-admin refusals are final and never retried. There is no suspended state, no attributes
/// and no per-member assets, so Suspend, UpdateAttributes and asset changes are rejected.
/// </remarks>
internal sealed class GoogleAdsChangeApplier(GoogleAdsClient client, GoogleAdsDirectory directory)
{
    private const string UserMutate = "customerUserAccesses:mutate";
    private const string InvitationMutate = "customerUserAccessInvitations:mutate";

    /// <param name="change">The planned change.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="stateKnown">
    /// The change was planned from a state the caller keeps current: an invitation for a person that state shows
    /// nothing for is created without first searching for a pending one (a stale state is told by Google's refusal,
    /// EMAIL_ADDRESS_ALREADY_HAS_PENDING_INVITATION or ..._ALREADY_HAS_ACCESS).
    /// </param>
    public async Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken, bool stateKnown = false)
    {
        var tally = new CallTally();
        var invitationId = InvitationIdOf(change);
        Task<Step> step = change.Kind switch
        {
            AccessChangeKind.Invite or AccessChangeKind.Add when change.AppUserId is null && stateKnown =>
                CreateInvitationAsync(change, NativeRole(change), tally, cancellationToken),
            AccessChangeKind.Invite or AccessChangeKind.Add when change.AppUserId is null || invitationId is not null && change.Kind == AccessChangeKind.Invite =>
                InviteAsync(change, tally, cancellationToken),
            AccessChangeKind.Add or AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole when invitationId is { } invitation =>
                ReinviteAsync(change, invitation, tally, cancellationToken),
            AccessChangeKind.Add or AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole => SetRoleAsync(change, UserIdOf(change), tally, cancellationToken),
            AccessChangeKind.CancelInvite or AccessChangeKind.Remove when invitationId is { } invitation => CancelInvitationAsync(change, invitation, tally, cancellationToken),
            AccessChangeKind.CancelInvite or AccessChangeKind.Remove when change.AppUserId is null =>
                Task.FromResult(new Step(ApplyOutcome.AlreadyInPlace, $"{change.Email} has no access to Google Ads customer")),
            AccessChangeKind.CancelInvite or AccessChangeKind.Remove => RemoveUserAsync(change, UserIdOf(change), tally, cancellationToken),
            AccessChangeKind.Suspend => throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot suspend {change.Email}: Google Ads has no suspended state (use removal: remove on googleAds hubs)"),
            AccessChangeKind.UpdateAttributes => throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot write attributes of {change.Email}: Google Ads user accesses have no custom attributes"),
            AccessChangeKind.GrantAsset or AccessChangeKind.RevokeAsset => throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot change {change.Asset} of {change.Email}: Google Ads grants access per customer account, it has no assets per member"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change kind"),
        };
        var (outcome, detail) = await step.ConfigureAwait(false);
        return new ApplyResult(outcome, detail, tally.Count);
    }

    private async Task<Step> InviteAsync(AccessChange change, CallTally tally, CancellationToken cancellationToken)
    {
        var role = NativeRole(change);
        if (await directory.PendingInvitationAsync(change.Email, tally, cancellationToken).ConfigureAwait(false) is { } pending)
        {
            return pending.AccessRole == role
                ? new Step(ApplyOutcome.AlreadyInPlace, $"invitation {pending.InvitationId} of {change.Email} as {role} is pending")
                : await ReplaceInvitationAsync(change, pending, tally, cancellationToken).ConfigureAwait(false);
        }

        return await CreateInvitationAsync(change, role, tally, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Step> CreateInvitationAsync(AccessChange change, string role, CallTally tally, CancellationToken cancellationToken)
    {
        var operation = new JsonObject { ["create"] = new JsonObject { ["emailAddress"] = change.Email, ["accessRole"] = role } };
        JsonElement answer;
        try
        {
            answer = await client.PostAsync(InvitationMutate, Single(operation), readOnly: false, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.AppErrorCode == "accessInvitationError.EMAIL_ADDRESS_ALREADY_HAS_ACCESS")
        {
            // The person already holds a seat under this email: the add becomes a role update.
            var user = await directory.UserByEmailAsync(change.Email, tally, cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectorException(ConnectorErrorKind.Rejected, $"Google Ads says {change.Email} already has access, yet no user access with that email can be read", e.StatusCode, e.AppErrorCode, e);
            return await SetRoleAsync(change, user.UserId, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException lost) when (lost.OutcomeUnknown)
        {
            // The answer was lost: never invite twice blindly; the pending invitations decide.
            var found = await directory.PendingInvitationAsync(change.Email, tally, cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectorException(lost.Kind, $"{lost.Message}; a read shows no invitation of {change.Email} yet, so the outcome stays unknown until the next sync reads the account",
                    lost.StatusCode, lost.AppErrorCode, lost, outcomeUnknown: true);
            return new Step(ApplyOutcome.Applied, $"invited {change.Email} as {role}: the answer was lost; a read shows invitation {found.InvitationId}, pending until accepted");
        }

        ThrowIfHeldForReview(change, answer);
        var resource = ResourceOf(answer, $"the invitation of {change.Email}");
        return new Step(ApplyOutcome.Applied, $"{InvitationMutate} create {change.Email} as {role} ({resource}, pending until accepted)");
    }

    /// <summary>A role change of a pending invitation: invitations are immutable, so cancel and invite again (two writes).</summary>
    private async Task<Step> ReinviteAsync(AccessChange change, long invitationId, CallTally tally, CancellationToken cancellationToken)
    {
        var invitation = await directory.InvitationAsync(invitationId, tally, cancellationToken).ConfigureAwait(false);
        if (invitation is not { Status: "PENDING" })
        {
            return await InviteAsync(change, tally, cancellationToken).ConfigureAwait(false);
        }

        return invitation.AccessRole == NativeRole(change)
            ? new Step(ApplyOutcome.AlreadyInPlace, $"invitation {invitationId} of {change.Email} as {invitation.AccessRole} is pending")
            : await ReplaceInvitationAsync(change, invitation, tally, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Step> ReplaceInvitationAsync(AccessChange change, AdsInvitation pending, CallTally tally, CancellationToken cancellationToken)
    {
        await client.PostAsync(InvitationMutate, Single(new JsonObject { ["remove"] = InvitationResource(pending.InvitationId) }), readOnly: false, tally, cancellationToken).ConfigureAwait(false);
        var created = await CreateInvitationAsync(change, NativeRole(change), tally, cancellationToken).ConfigureAwait(false);
        return created with { Detail = $"cancelled invitation {pending.InvitationId} as {pending.AccessRole} (invitations cannot be edited); {created.Detail}" };
    }

    private async Task<Step> SetRoleAsync(AccessChange change, long userId, CallTally tally, CancellationToken cancellationToken)
    {
        var role = NativeRole(change);
        var user = await directory.UserAsync(userId, tally, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            if (change.Kind == AccessChangeKind.Add)
            {
                return await InviteAsync(change, tally, cancellationToken).ConfigureAwait(false);
            }

            throw new ConnectorException(ConnectorErrorKind.Rejected, $"cannot set the role of {change.Email}: user {userId} no longer has access to the customer");
        }

        if (user.AccessRole == role)
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"{change.Email} ({userId}) already has role {role}");
        }

        ThrowIfUnderReview(change, user);
        var operation = new JsonObject
        {
            ["update"] = new JsonObject { ["resourceName"] = UserResource(userId), ["accessRole"] = role },
            ["updateMask"] = "accessRole",
        };
        try
        {
            var answer = await MutateUserAsync(change, operation, tally, cancellationToken).ConfigureAwait(false);
            return new Step(ApplyOutcome.Applied, $"{UserMutate} update {answer} accessRole {user.AccessRole} → {role}");
        }
        catch (ConnectorException e) when (e.OutcomeUnknown)
        {
            var after = await directory.UserAsync(userId, tally, cancellationToken).ConfigureAwait(false);
            if (after?.AccessRole != role)
            {
                throw;
            }

            return new Step(ApplyOutcome.Applied, $"{UserMutate} update {UserResource(userId)} accessRole → {role}: the answer was lost; a read shows the role set");
        }
    }

    private async Task<Step> RemoveUserAsync(AccessChange change, long userId, CallTally tally, CancellationToken cancellationToken)
    {
        var user = await directory.UserAsync(userId, tally, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"user {userId} ({change.Email}) no longer has access");
        }

        ThrowIfUnderReview(change, user);
        try
        {
            var answer = await MutateUserAsync(change, new JsonObject { ["remove"] = UserResource(userId) }, tally, cancellationToken).ConfigureAwait(false);
            return new Step(ApplyOutcome.Applied, $"{UserMutate} remove {answer} ({change.Email}, {user.AccessRole})");
        }
        catch (ConnectorException e) when (e.AppErrorCode == "customerUserAccessError.INVALID_USER_ID")
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"user {userId} ({change.Email}) no longer has access");
        }
        catch (ConnectorException e) when (e.OutcomeUnknown)
        {
            if (await directory.UserAsync(userId, tally, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw;
            }

            return new Step(ApplyOutcome.Applied, $"{UserMutate} remove {UserResource(userId)}: the answer was lost; a read shows the user gone");
        }
    }

    private async Task<Step> CancelInvitationAsync(AccessChange change, long invitationId, CallTally tally, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostAsync(InvitationMutate, Single(new JsonObject { ["remove"] = InvitationResource(invitationId) }), readOnly: false, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.AppErrorCode == "accessInvitationError.INVALID_INVITATION_ID")
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"invitation {invitationId} of {change.Email} no longer exists");
        }

        return new Step(ApplyOutcome.Applied, $"{InvitationMutate} remove {InvitationResource(invitationId)} ({change.Email})");
    }

    /// <summary>One user mutate; the last-admin refusals and a multi-party review become clear, final errors.</summary>
    private async Task<string> MutateUserAsync(AccessChange change, JsonObject operation, CallTally tally, CancellationToken cancellationToken)
    {
        JsonElement answer;
        try
        {
            answer = await client.PostAsync(UserMutate, Single(operation), readOnly: false, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.AppErrorCode is "customerUserAccessError.LAST_ADMIN_USER_OF_MANAGER" or "customerUserAccessError.LAST_ADMIN_USER_OF_SERVING_CUSTOMER")
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"Google Ads refused to {(operation.ContainsKey("remove") ? "remove" : "demote")} {change.Email}: the last admin of customer {client.Customer} cannot lose admin access "
                + $"({e.AppErrorCode}); give another user ADMIN first. Not retried.", e.StatusCode, e.AppErrorCode, e);
        }

        ThrowIfHeldForReview(change, answer);
        return ResourceOf(answer, $"the user access of {change.Email}");
    }

    /// <summary>A mutate answered with <c>result.multiPartyAuthReview</c> instead of a resource name was not applied (reference section 6).</summary>
    private static void ThrowIfHeldForReview(AccessChange change, JsonElement answer)
    {
        if (answer.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object
            && result.TryGetProperty("multiPartyAuthReview", out var review) && review.ValueKind == JsonValueKind.String && review.GetString() is { Length: > 0 } reviewName)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"Google Ads holds the change of {change.Email} for a second admin's approval ({reviewName}); pending approval, not applied", appErrorCode: "multiPartyAuthReview");
        }
    }

    private static void ThrowIfUnderReview(AccessChange change, AdsUser user)
    {
        if (user.PendingReview)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"a change of {change.Email} ({user.UserId}) waits for a second admin's approval in Google Ads (multi-party review); not written again until it is resolved",
                appErrorCode: "multiPartyAuthReview");
        }
    }

    private static string ResourceOf(JsonElement answer, string what) =>
        answer.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object
            ? GoogleAdsRowFields.Required(result, "resourceName", what)
            : throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Google Ads answered the mutate of {what} without a \"result\"");

    private static JsonObject Single(JsonObject operation) => new() { ["operation"] = operation };

    private string UserResource(long userId) => $"{client.Customer}/customerUserAccesses/{userId.ToString(CultureInfo.InvariantCulture)}";

    private string InvitationResource(long invitationId) => $"{client.Customer}/customerUserAccessInvitations/{invitationId.ToString(CultureInfo.InvariantCulture)}";

    private static long? InvitationIdOf(AccessChange change) =>
        change.AppUserId is { } id && id.StartsWith(GoogleAdsRowFields.InvitationPrefix, StringComparison.Ordinal)
            ? long.TryParse(id.AsSpan(GoogleAdsRowFields.InvitationPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ArgumentException($"{change.Kind} of {change.Email} names an unreadable invitation id {id}", nameof(change))
            : null;

    private static long UserIdOf(AccessChange change) =>
        long.TryParse(change.AppUserId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ArgumentException($"{change.Kind} of {change.Email} names no Google Ads user id", nameof(change));

    private static string NativeRole(AccessChange change) =>
        change.NativeRole is { Length: > 0 } role ? role : throw new ArgumentException($"{change.Kind} of {change.Email} names no native role", nameof(change));

    private readonly record struct Step(ApplyOutcome Outcome, string Detail);
}
