using System.Text.Json;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// Applies one planned change with at most one write call (reads to stay idempotent besides): invites through
/// <c>POST /{business}/business_users</c>, roles through <c>POST /{business-user-or-role-request}</c>, assets through
/// <c>/{asset}/assigned_users</c>, removals through <c>DELETE /{id}</c>.
/// </summary>
/// <remarks>
/// Meta has no direct add: a person joins a business only by accepting an invitation, so <see cref="AccessChangeKind.Add"/>
/// of a new person invites them, and asset grants for them fail as rejected until they accepted (hubs of type meta should
/// set <c>inviteRequired</c>). Meta has no suspended state and business users have no custom attributes, so
/// <see cref="AccessChangeKind.Suspend"/> and <see cref="AccessChangeKind.UpdateAttributes"/> are rejected.
/// </remarks>
internal sealed class MetaChangeApplier(MetaGraphClient client, MetaPager pager, MetaConnectorOptions options, TimeProvider time)
{
    /// <param name="stateKnown">The change was planned from a state that answers whether a live invitation exists (the caller keeps it current): no lookup before inviting.</param>
    public async Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken, bool stateKnown = false)
    {
        var tally = new GraphCallTally();
        Task<Step> step = change.Kind switch
        {
            AccessChangeKind.Invite => InviteAsync(change, stateKnown, tally, cancellationToken),
            AccessChangeKind.Add when change.AppUserId is null => InviteAsync(change, stateKnown, tally, cancellationToken),
            AccessChangeKind.Add or AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole => SetRoleAsync(change, tally, cancellationToken),
            AccessChangeKind.GrantAsset or AccessChangeKind.RevokeAsset when change.Tasks is not null => SetTasksAsync(change, change.Tasks, tally, cancellationToken),
            AccessChangeKind.RevokeAsset => UnassignAsync(change, tally, cancellationToken),
            AccessChangeKind.CancelInvite or AccessChangeKind.Remove => DeleteAsync(change, tally, cancellationToken),
            AccessChangeKind.Suspend => throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot suspend {change.Email}: Meta Business Manager has no suspended state (use removal: remove on Meta hubs)"),
            AccessChangeKind.UpdateAttributes => throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot write attributes of {change.Email}: Meta business users have no custom attributes"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change kind"),
        };
        var (outcome, detail) = await step.ConfigureAwait(false);
        return new ApplyResult(outcome, detail, tally.Calls);
    }

    private async Task<Step> InviteAsync(AccessChange change, bool stateKnown, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var role = NativeRole(change);
        var business = MetaGraphPaths.Escape(options.BusinessId);
        var live = stateKnown ? default : await LiveInviteAsync(change, tally, cancellationToken).ConfigureAwait(false);
        if (live.ValueKind == JsonValueKind.Object)
        {
            var id = MetaJson.RequiredString(live, "id", "a pending invitation");
            if (string.Equals(MetaJson.OptionalString(live, "role"), role, StringComparison.OrdinalIgnoreCase))
            {
                return new Step(ApplyOutcome.AlreadyInPlace, $"invitation {id} of {change.Email} as {role} is pending");
            }

            await ExpectSuccessAsync(client.PostAsync(MetaGraphPaths.Escape(id), [new("role", role)], tally, cancellationToken), $"POST /{id}").ConfigureAwait(false);
            return new Step(ApplyOutcome.Applied, $"POST /{id} role={role} (pending invitation of {change.Email})");
        }

        JsonElement created;
        try
        {
            created = await client.PostAsync($"{business}/business_users", [new("email", change.Email), new("role", role)], tally, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException lost) when (lost.OutcomeUnknown)
        {
            // The answer was lost: never invite twice blindly; the pending invitations decide.
            var found = await LiveInviteAsync(change, tally, cancellationToken).ConfigureAwait(false);
            if (found.ValueKind != JsonValueKind.Object)
            {
                throw new ConnectorException(lost.Kind, $"{lost.Message}; a read shows no invitation of {change.Email} yet, so the outcome stays unknown until the next sync reads the business",
                    lost.StatusCode, lost.AppErrorCode, lost, outcomeUnknown: true);
            }

            var id = MetaJson.RequiredString(found, "id", "a pending invitation");
            return new Step(ApplyOutcome.Applied, $"POST /{options.BusinessId}/business_users email={change.Email} role={role}: the answer was lost; a read shows invitation {id}, pending until accepted");
        }

        var invitation = MetaJson.RequiredString(created, "id", $"the invitation of {change.Email}");
        return new Step(ApplyOutcome.Applied, $"POST /{options.BusinessId}/business_users email={change.Email} role={role} (invitation {invitation}, pending until accepted)");
    }

    /// <summary>The live (unexpired) pending invitation of the change's email; default when there is none.</summary>
    private async Task<JsonElement> LiveInviteAsync(AccessChange change, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var invites = await pager.ReadAllAsync(
            $"{MetaGraphPaths.Escape(options.BusinessId)}/pending_users?email={Uri.EscapeDataString(change.Email)}&fields=id,email,role,status,expiration_time", tally, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return invites.FirstOrDefault(i => IsLiveInviteFor(i, change.Email, now));
    }

    private async Task<Step> SetRoleAsync(AccessChange change, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var role = NativeRole(change);
        var id = AppUserId(change);
        var node = MetaGraphPaths.Escape(id);
        var current = await client.GetAsync($"{node}?fields=id,role", tally, cancellationToken).ConfigureAwait(false);
        if (string.Equals(MetaJson.RequiredString(current, "role", $"business user {id}"), role, StringComparison.OrdinalIgnoreCase))
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"{change.Email} ({id}) already has role {role}");
        }

        await ExpectSuccessAsync(client.PostAsync(node, [new("role", role)], tally, cancellationToken), $"POST /{id}").ConfigureAwait(false);
        return new Step(ApplyOutcome.Applied, $"POST /{id} role={role}");
    }

    private async Task<Step> SetTasksAsync(AccessChange change, IReadOnlyList<string> tasks, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var asset = change.Asset ?? throw new ArgumentException($"{change.Kind} of {change.Email} names no asset", nameof(change));
        var id = AssetUserId(change, asset);
        var edge = MetaGraphPaths.AssignedUsers(asset);
        var list = JsonSerializer.Serialize(tasks);
        List<KeyValuePair<string, string>> form = [new("user", id), new("tasks", list)];
        if (asset.Kind == AssetKind.AdAccount)
        {
            form.Add(new("business", options.BusinessId)); // documented for ad accounts only (reference section 5)
        }

        await ExpectSuccessAsync(client.PostAsync(edge, form, tally, cancellationToken), $"POST /{edge}").ConfigureAwait(false);
        return new Step(ApplyOutcome.Applied, $"POST /{edge} user={id} tasks={list}");
    }

    private async Task<Step> UnassignAsync(AccessChange change, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var asset = change.Asset ?? throw new ArgumentException($"{change.Kind} of {change.Email} names no asset", nameof(change));
        var id = AssetUserId(change, asset);
        var edge = MetaGraphPaths.AssignedUsers(asset);
        try
        {
            await ExpectSuccessAsync(client.DeleteAsync($"{edge}?user={Uri.EscapeDataString(id)}", tally, cancellationToken), $"DELETE /{edge}").ConfigureAwait(false);
        }
        catch (ConnectorException e) when (MetaGraphError.NamesMissingObject(e))
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"{change.Email} ({id}) is not assigned to {asset}");
        }

        return new Step(ApplyOutcome.Applied, $"DELETE /{edge}?user={id}");
    }

    private async Task<Step> DeleteAsync(AccessChange change, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var what = change.Kind == AccessChangeKind.CancelInvite ? "invitation" : "business user";
        if (change.AppUserId is not { Length: > 0 } id)
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"{change.Email} has no {what} in Meta");
        }

        try
        {
            await ExpectSuccessAsync(client.DeleteAsync(MetaGraphPaths.Escape(id), tally, cancellationToken), $"DELETE /{id}").ConfigureAwait(false);
        }
        catch (ConnectorException e) when (MetaGraphError.NamesMissingObject(e))
        {
            return new Step(ApplyOutcome.AlreadyInPlace, $"{what} {id} of {change.Email} no longer exists");
        }

        return new Step(ApplyOutcome.Applied, $"DELETE /{id} ({what} of {change.Email})");
    }

    private static async Task ExpectSuccessAsync(Task<JsonElement> call, string what)
    {
        var body = await call.ConfigureAwait(false);
        if (body.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, $"Meta answered {what} with success: false");
        }
    }

    private static bool IsLiveInviteFor(JsonElement invite, string email, DateTimeOffset now) =>
        string.Equals(MetaJson.OptionalString(invite, "email"), email, StringComparison.OrdinalIgnoreCase)
        && !MetaInviteExpiry.IsExpired(invite, now);

    private static string NativeRole(AccessChange change) =>
        change.NativeRole is { Length: > 0 } role ? role : throw new ArgumentException($"{change.Kind} of {change.Email} names no native role", nameof(change));

    private static string AppUserId(AccessChange change) =>
        change.AppUserId is { Length: > 0 } id ? id : throw new ArgumentException($"{change.Kind} of {change.Email} names no Meta user id", nameof(change));

    private static string AssetUserId(AccessChange change, AssetRef asset) =>
        change.AppUserId is { Length: > 0 } id
            ? id
            : throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot assign {change.Email} to {asset}: not a business user yet (Meta assigns assets only after the invitation is accepted)");

    private readonly record struct Step(ApplyOutcome Outcome, string Detail);
}
