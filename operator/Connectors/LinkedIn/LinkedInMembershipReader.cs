using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// Reads every user of the ad account with the <c>accounts</c> finder and index paging (<c>start</c>/<c>count</c>): the
/// list ends at a page shorter than <c>count</c>, or when <c>paging.total</c> elements are read. A repeated person, a
/// repeated page or more pages than allowed fail the whole read as InvalidResponse.
/// </summary>
/// <remarks>
/// Members are keyed by the email the hub declares for their person URN. A person the hub declares nothing for is
/// still returned, keyed and named by the URN, so the planner reports them (drift) instead of the connector guessing
/// who they are. LinkedIn cannot mark who created a user, so nobody reads as managed (the hub keeps a ledger).
/// </remarks>
internal sealed class LinkedInMembershipReader(LinkedInApi api, LinkedInConnectorOptions options)
{
    public async Task<ActualAccess> ReadAsync(CallTally calls, CancellationToken cancellationToken)
    {
        var guard = new PageGuard($"the users of ad account {options.AdAccountId}", options.MaxPages);
        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        var read = 0;
        for (var start = 0; ; )
        {
            guard.BeginPage(start.ToString(CultureInfo.InvariantCulture));
            var page = await api.GetAsync(LinkedInUrns.AccountUsersPage(options.AccountUrn, start, options.PageSize), "GET adAccountUsers?q=accounts", calls, cancellationToken)
                ?? throw new ConnectorException(ConnectorErrorKind.Rejected, $"LinkedIn has no ad account {options.AdAccountId} this token can read (404)", 404);
            var elements = page["elements"] as JsonArray ?? throw guard.Invalid($"the page at start {start} has no elements array");
            foreach (var node in elements)
            {
                var user = LinkedInAccountUser.From(node, $"the page at start {start}");
                guard.AddItem(user.Person);
                read++;
                if (string.Equals(user.Account, options.AccountUrn, StringComparison.Ordinal))
                {
                    var member = Member(user);
                    members[member.Key] = member;
                }
            }

            var total = page["paging"]?["total"] is JsonValue t && t.TryGetValue<int>(out var n) ? n : (int?)null;
            if (elements.Count < options.PageSize || (total is { } all && read >= all))
            {
                return new ActualAccess(options.Hub, members);
            }

            start += elements.Count;
        }
    }

    /// <summary>
    /// Reads the given people only: each one's ad account user by key (<c>GET adAccountUsers/(account:…,user:…)</c>),
    /// for the person URN the hub declares for the email (or the URN itself, for a member the hub declares no email
    /// for). Someone with no declared person gets no call: the full read keys every user by its declared email or its
    /// URN, so no member can have that key. A 404 is believed only once one page of the account's users confirms the
    /// token can read the account (one call per batch), so an account it cannot see fails instead of reading as empty.
    /// </summary>
    public async Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CallTally calls, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ActualMember?>(StringComparer.Ordinal);
        var anyMissing = false;
        foreach (var lookup in users)
        {
            var person = LinkedInUrns.IsPerson(lookup.Key)
                ? options.People.EmailOf(lookup.Key) is null ? lookup.Key : null
                : options.People.PersonOf(lookup.Email) ?? options.People.PersonOf(lookup.Key);
            if (person is null)
            {
                found[lookup.Key] = null;
                continue;
            }

            var element = await api.GetAsync(LinkedInUrns.AccountUserPath(options.AccountUrn, person), "GET adAccountUsers (by key)", calls, cancellationToken);
            var user = element is null ? null : LinkedInAccountUser.From(element, $"the ad account user {person}");
            var member = user is not null && string.Equals(user.Account, options.AccountUrn, StringComparison.Ordinal) ? Member(user) : null;
            found[lookup.Key] = member is not null && string.Equals(member.Key, lookup.Key, StringComparison.Ordinal) ? member : null;
            anyMissing |= element is null;
        }

        if (anyMissing)
        {
            _ = await api.GetAsync(LinkedInUrns.AccountUsersPage(options.AccountUrn, 0, 1), "GET adAccountUsers?q=accounts", calls, cancellationToken)
                ?? throw new ConnectorException(ConnectorErrorKind.Rejected, $"LinkedIn has no ad account {options.AdAccountId} this token can read (404)", 404);
        }

        return new MemberRead(found, null);
    }

    private ActualMember Member(LinkedInAccountUser user)
    {
        var email = options.People.EmailOf(user.Person);
        var key = email?.ToLowerInvariant() ?? user.Person;
        return new ActualMember(key, email ?? user.Person, user.Person, user.Role, MemberState.Active, Managed: false, [], ActualMember.NoAttributes);
    }
}
