using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>
/// Applies one planned change with at most one write, after one read that makes it idempotent: org roles through
/// <c>PUT /orgs/{org}/memberships/{login}</c> (which invites a person who is not a member yet: they stay pending until
/// they accept), removal and invite cancellation through <c>DELETE</c> of the same membership (or of an email
/// invitation), teams through <c>PUT/DELETE /orgs/{org}/teams/{slug}/memberships/{login}</c>.
/// </summary>
/// <remarks>
/// Every write is a PUT or a DELETE, so one whose answer was lost can be sent again safely. Outside collaborators are
/// never touched: the connector calls no outside-collaborator endpoint. GitHub has no suspended state and no member
/// attributes, so Suspend and UpdateAttributes are refused.
/// </remarks>
internal sealed class GitHubChangeApplier(GitHubClient client, GitHubConnectorOptions options)
{
    private readonly GitHubPaths paths = new(options.Organization);

    /// <param name="change">The planned change.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="stateKnown">
    /// The change was planned from a state the caller keeps current: an org role is PUT without first reading the
    /// membership (the state said the person is absent or holds another role; the PUT is idempotent either way).
    /// </param>
    public async Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken, bool stateKnown = false)
    {
        var calls = new CallTally();
        Task<(ApplyOutcome, string)> step = change.Kind switch
        {
            AccessChangeKind.Invite or AccessChangeKind.Add or AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole => SetRoleAsync(change, stateKnown, calls, cancellationToken),
            AccessChangeKind.GrantAsset => SetTeamRoleAsync(change, calls, cancellationToken),
            AccessChangeKind.RevokeAsset when change.Tasks is { Count: > 0 } => SetTeamRoleAsync(change, calls, cancellationToken),
            AccessChangeKind.RevokeAsset => LeaveTeamAsync(change, calls, cancellationToken),
            AccessChangeKind.Remove or AccessChangeKind.CancelInvite => RemoveAsync(change, calls, cancellationToken),
            AccessChangeKind.Suspend => throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot suspend {change.Email}: GitHub organizations have no suspended state (use removal: remove on GitHub hubs)"),
            AccessChangeKind.UpdateAttributes => throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot write attributes of {change.Email}: GitHub organization members have no custom attributes"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change kind"),
        };
        var (outcome, detail) = await step.ConfigureAwait(false);
        return new ApplyResult(outcome, detail, calls.Count);
    }

    private async Task<(ApplyOutcome, string)> SetRoleAsync(AccessChange change, bool stateKnown, CallTally calls, CancellationToken cancellationToken)
    {
        var role = GitHubRoles.OrgRole(change.NativeRole, change.Email);
        var login = Login(change, "change the role of");
        var path = paths.Membership(login);
        var (current, _) = stateKnown
            ? ((JsonElement?)null, (string?)null)
            : await client.GetAsync("GET /orgs/{org}/memberships/{login}", new Uri(client.BaseAddress, path), calls, cancellationToken).ConfigureAwait(false);
        if (current is { } membership && string.Equals(GitHubJson.Text(membership, "role"), role, StringComparison.Ordinal))
        {
            return (ApplyOutcome.AlreadyInPlace, $"{login} is already {role} ({GitHubJson.Text(membership, "state") ?? "active"})");
        }

        var answer = await client.PutAsync("PUT /orgs/{org}/memberships/{login}", path, new JsonObject { ["role"] = role }, calls, cancellationToken).ConfigureAwait(false);
        return (ApplyOutcome.Applied, $"PUT /orgs/{options.Organization}/memberships/{login} role={role} → {GitHubJson.Text(answer, "state") ?? "active"}");
    }

    private async Task<(ApplyOutcome, string)> RemoveAsync(AccessChange change, CallTally calls, CancellationToken cancellationToken)
    {
        if (change.AppUserId is { } id && id.StartsWith(GitHubMembershipReader.InvitationPrefix, StringComparison.Ordinal))
        {
            var invitation = paths.Invitation(id[GitHubMembershipReader.InvitationPrefix.Length..]);
            return await client.DeleteAsync("DELETE /orgs/{org}/invitations/{id}", invitation, calls, cancellationToken).ConfigureAwait(false)
                ? (ApplyOutcome.Applied, $"DELETE /{invitation}")
                : (ApplyOutcome.AlreadyInPlace, $"the invitation of {change.Email} is gone");
        }

        var login = Login(change, "remove");
        var path = paths.Membership(login);
        return await client.DeleteAsync("DELETE /orgs/{org}/memberships/{login}", path, calls, cancellationToken).ConfigureAwait(false)
            ? (ApplyOutcome.Applied, $"DELETE /{path}")
            : (ApplyOutcome.AlreadyInPlace, $"{login} is not a member of {options.Organization}");
    }

    private async Task<(ApplyOutcome, string)> SetTeamRoleAsync(AccessChange change, CallTally calls, CancellationToken cancellationToken)
    {
        var (slug, login) = Team(change);
        var role = GitHubRoles.TeamRole(change.Tasks, change.Email);
        var path = paths.TeamMembership(slug, login);
        var (current, _) = await TeamCall(slug, () => client.GetAsync("GET /orgs/{org}/teams/{team}/memberships/{login}", new Uri(client.BaseAddress, path), calls, cancellationToken)).ConfigureAwait(false);
        if (current is { } membership && string.Equals(GitHubJson.Text(membership, "role"), role, StringComparison.Ordinal))
        {
            return (ApplyOutcome.AlreadyInPlace, $"{login} is already {role} of team {slug}");
        }

        await TeamCall(slug, () => client.PutAsync("PUT /orgs/{org}/teams/{team}/memberships/{login}", path, new JsonObject { ["role"] = role }, calls, cancellationToken)).ConfigureAwait(false);
        return (ApplyOutcome.Applied, $"PUT /{path} role={role}");
    }

    private async Task<(ApplyOutcome, string)> LeaveTeamAsync(AccessChange change, CallTally calls, CancellationToken cancellationToken)
    {
        var (slug, login) = Team(change);
        var path = paths.TeamMembership(slug, login);
        return await TeamCall(slug, () => client.DeleteAsync("DELETE /orgs/{org}/teams/{team}/memberships/{login}", path, calls, cancellationToken)).ConfigureAwait(false)
            ? (ApplyOutcome.Applied, $"DELETE /{path}")
            : (ApplyOutcome.AlreadyInPlace, $"{login} is not in team {slug}");
    }

    private (string Slug, string Login) Team(AccessChange change) =>
        (change.Asset?.Id ?? throw new ArgumentException("an asset change names its team", nameof(change)), Login(change, "change the teams of"));

    private string Login(AccessChange change, string action) =>
        change.AppUserId is { } id && id.StartsWith(GitHubMembershipReader.InvitationPrefix, StringComparison.Ordinal)
            ? options.Logins.LoginOf(change.Email) ?? throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"cannot {action} {change.Email}: the invitation went to an email without a GitHub login; it takes effect once they accept")
            : options.Logins.Require(change.Email, change.AppUserId);

    /// <summary>GitHub answers 403 on a team whose membership is synced from an IdP: that is a refusal of the change, not of the token.</summary>
    private static async Task<T> TeamCall<T>(string slug, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.StatusCode == 403 && e.Kind == ConnectorErrorKind.Unauthorized)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"{e.Message} (team {slug} may have its membership synced from an IdP, which GitHub manages alone)", 403, e.AppErrorCode, e);
        }
    }
}
