using System.Globalization;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>
/// Builds the hub's <see cref="ActualAccess"/> from the customer's user accesses (active, with their AccessRole) and
/// access invitations (invited). A pending invitation is live; a declined or expired one reads as an expired invite, so
/// the planner sends a new one. Per email a user outranks any invitation, and a pending invitation an ended one.
/// </summary>
/// <remarks>
/// Google Ads cannot tag a person with who added them, so every member reads as not managed (the reconciler keeps a
/// ledger), and it has no suspended state and no per-member assets. An invitee may accept with another Google account
/// than the invited email (reference section 4): that user then appears under its own email.
/// </remarks>
internal sealed class GoogleAdsMembershipReader(GoogleAdsDirectory directory, GoogleAdsConnectorOptions options)
{
    /// <summary>Emails per query of <see cref="ReadMembersAsync"/>, keeping each GAQL <c>IN</c> list short.</summary>
    private const int EmailsPerQuery = 100;

    public async Task<ActualAccess> ReadAsync(CancellationToken cancellationToken)
    {
        var tally = new CallTally();
        var users = await directory.UsersAsync(tally, cancellationToken).ConfigureAwait(false);
        var invitations = await directory.InvitationsAsync(tally, cancellationToken).ConfigureAwait(false);
        return new ActualAccess(options.Hub, Members(users, invitations));
    }

    /// <summary>
    /// Reads the given people only: the user accesses and the invitations (any status) whose email is one of theirs,
    /// two GAQL queries filtered by <c>email_address IN (…)</c> per hundred people, merged exactly as the full read
    /// merges everything. GAQL matches strings exactly, so each person is asked under their key (lower case), the email
    /// as given and the email the app last showed for them: an account Google stores under yet another spelling of the
    /// address reads as absent, as it would under its own key in the full read.
    /// </summary>
    public async Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken)
    {
        var tally = new CallTally();
        var found = new Dictionary<string, ActualMember?>(StringComparer.Ordinal);
        foreach (var chunk in users.Chunk(EmailsPerQuery))
        {
            var emails = chunk.SelectMany(u => new[] { u.Key, u.Email, u.LastSeen?.Email }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var members = Members(
                await directory.UsersByEmailAsync(emails, tally, cancellationToken).ConfigureAwait(false),
                await directory.InvitationsByEmailAsync(emails, tally, cancellationToken).ConfigureAwait(false));
            foreach (var user in chunk)
            {
                found[user.Key] = members.GetValueOrDefault(user.Key);
            }
        }

        return new MemberRead(found, null);
    }

    /// <summary>The members of <paramref name="users"/> and <paramref name="invitations"/>, by lower-case email.</summary>
    private static Dictionary<string, ActualMember> Members(IReadOnlyList<AdsUser> users, IReadOnlyList<AdsInvitation> invitations)
    {
        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var key = user.Email.ToLowerInvariant();
            var member = new ActualMember(key, user.Email, user.UserId.ToString(CultureInfo.InvariantCulture), user.AccessRole, MemberState.Active, Managed: false, [],
                ActualMember.NoAttributes);
            if (!members.TryAdd(key, member))
            {
                throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Google Ads returned two user accesses with the email of users {member.AppUserId} and {members[key].AppUserId}");
            }
        }

        foreach (var invitation in invitations.Where(i => i.Status is "PENDING" or "EXPIRED" or "DECLINED").OrderBy(i => i.InvitationId))
        {
            var key = invitation.Email.ToLowerInvariant();
            var pending = invitation.Status == "PENDING";
            if (members.TryGetValue(key, out var existing) && (existing.State == MemberState.Active || (!existing.InviteExpired && !pending)))
            {
                continue;
            }

            members[key] = new ActualMember(key, invitation.Email, GoogleAdsRowFields.InvitationPrefix + invitation.InvitationId.ToString(CultureInfo.InvariantCulture),
                invitation.AccessRole, MemberState.Invited, Managed: false, [], ActualMember.NoAttributes, InviteExpired: !pending);
        }

        return members;
    }
}
