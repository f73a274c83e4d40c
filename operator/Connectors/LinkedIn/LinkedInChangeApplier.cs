using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// Applies one planned change with at most one write: a GET of the user's key decides, then <c>PUT</c> creates,
/// <c>POST {"patch":{"$set":{"role":…}}}</c> changes the role, <c>DELETE</c> removes.
/// </summary>
/// <remarks>
/// LinkedIn has no invitations: a person is added directly, by person URN, which the hub must declare for the email
/// (see <see cref="ILinkedInPeople"/>); an Add for an email with none is rejected and names the fix. There is no
/// suspended state, no custom attribute and (in this connector) no asset, so those changes are rejected. A role update
/// whose answer was lost is settled by reading the user back, never by sending it again.
/// </remarks>
internal sealed class LinkedInChangeApplier(LinkedInApi api, LinkedInConnectorOptions options)
{
    public async Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken)
    {
        var calls = new CallTally();
        var (outcome, detail) = change.Kind switch
        {
            AccessChangeKind.Add or AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole => await SetRoleAsync(change, calls, cancellationToken),
            AccessChangeKind.Remove => await RemoveAsync(change, calls, cancellationToken),
            AccessChangeKind.CancelInvite => (ApplyOutcome.AlreadyInPlace, $"{change.Email} has no invitation: LinkedIn has none"),
            AccessChangeKind.Invite => throw Rejected($"cannot invite {change.Email}: LinkedIn ad accounts have no invitations (set inviteRequired: false; people are added by person URN)"),
            AccessChangeKind.Suspend => throw Rejected($"cannot suspend {change.Email}: LinkedIn ad account users have no suspended state (use removal: remove)"),
            AccessChangeKind.UpdateAttributes => throw Rejected($"cannot write attributes of {change.Email}: LinkedIn ad account users have none"),
            AccessChangeKind.GrantAsset or AccessChangeKind.RevokeAsset => throw Rejected($"cannot change assets of {change.Email}: the LinkedIn connector manages the ad account's roles only"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change kind"),
        };
        return new ApplyResult(outcome, detail, calls.Count);
    }

    private async Task<(ApplyOutcome, string)> SetRoleAsync(AccessChange change, CallTally calls, CancellationToken cancellationToken)
    {
        var role = change.NativeRole is { Length: > 0 } named ? named : throw new ArgumentException($"{change.Kind} of {change.Email} names no native role", nameof(change));
        var person = Person(change) ?? throw Rejected(
            $"cannot add {change.Email}: no LinkedIn person URN is declared for this email (spec.connector.linkedIn.people); LinkedIn adds people by person URN only, so add the mapping or add the person in Campaign Manager");
        var path = LinkedInUrns.AccountUserPath(options.AccountUrn, person);
        var current = await CurrentRoleAsync(path, calls, cancellationToken);
        if (string.Equals(current, role, StringComparison.Ordinal))
        {
            return (ApplyOutcome.AlreadyInPlace, $"{change.Email} ({person}) already has role {role}");
        }

        if (current is null)
        {
            var created = new JsonObject { ["account"] = options.AccountUrn, ["role"] = role, ["user"] = person };
            var status = await api.WriteAsync(HttpMethod.Put, path, created, "UPDATE", "PUT adAccountUsers", calls, cancellationToken);
            return status == 404
                ? throw new ConnectorException(ConnectorErrorKind.Rejected, $"LinkedIn refused PUT adAccountUsers: 404, it knows no member {person} (declared for {change.Email}) or no ad account {options.AdAccountId}", 404)
                : (ApplyOutcome.Applied, $"PUT adAccountUsers {person} role={role} ({change.Email})");
        }

        var patch = new JsonObject { ["patch"] = new JsonObject { ["$set"] = new JsonObject { ["role"] = role } } };
        try
        {
            var status = await api.WriteAsync(HttpMethod.Post, path, patch, "PARTIAL_UPDATE", "POST adAccountUsers (partial update)", calls, cancellationToken);
            return status == 404
                ? throw Rejected($"cannot change the role of {change.Email}: {person} left ad account {options.AdAccountId} meanwhile")
                : (ApplyOutcome.Applied, $"POST adAccountUsers {person} role {current} → {role} ({change.Email})");
        }
        catch (ConnectorException lost) when (lost.OutcomeUnknown)
        {
            if (await CurrentRoleAsync(path, calls, cancellationToken) == role)
            {
                return (ApplyOutcome.Applied, $"POST adAccountUsers {person} role={role}: the answer was lost; a read shows the role in place");
            }

            throw new ConnectorException(lost.Kind, $"{lost.Message}; a read shows {person} still without role {role}, so the outcome stays unknown until the next sync",
                lost.StatusCode, lost.AppErrorCode, lost, outcomeUnknown: true);
        }
    }

    private async Task<(ApplyOutcome, string)> RemoveAsync(AccessChange change, CallTally calls, CancellationToken cancellationToken)
    {
        if (Person(change) is not { } person)
        {
            return (ApplyOutcome.AlreadyInPlace, $"{change.Email} has no declared LinkedIn person, so no ad account user to remove");
        }

        var status = await api.WriteAsync(HttpMethod.Delete, LinkedInUrns.AccountUserPath(options.AccountUrn, person), null, "DELETE", "DELETE adAccountUsers", calls, cancellationToken);
        return status == 404
            ? (ApplyOutcome.AlreadyInPlace, $"{person} ({change.Email}) is not a user of ad account {options.AdAccountId}")
            : (ApplyOutcome.Applied, $"DELETE adAccountUsers {person} ({change.Email})");
    }

    private async Task<string?> CurrentRoleAsync(string path, CallTally calls, CancellationToken cancellationToken)
    {
        var found = await api.GetAsync(path, "GET adAccountUsers (by key)", calls, cancellationToken);
        return found is null ? null : LinkedInAccountUser.From(found, "the ad account user").Role;
    }

    /// <summary>The person the change is about: the app's id the planner passes, else the URN the hub declares for the email.</summary>
    private string? Person(AccessChange change) =>
        change.AppUserId is { } id && LinkedInUrns.IsPerson(id) ? id : options.People.PersonOf(change.Email);

    private static ConnectorException Rejected(string message) => new(ConnectorErrorKind.Rejected, message);
}
