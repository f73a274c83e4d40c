using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Identity;

/// <summary>
/// What a full read makes of one bound group reference, whatever the IdP: the group to read, or the lookup that says
/// why there is none. Groups that cannot be read go into the directory as Unknown (never empty), so the access model
/// sees the failure or the ambiguity too.
/// </summary>
internal static class GroupLookups
{
    /// <param name="idpLabel">The IdP as messages name it, e.g. "Okta" or "Entra ID".</param>
    /// <param name="problem">Why the lookup itself failed; null when it answered.</param>
    /// <param name="matches">The groups the IdP returned for the reference (by id: none or one; by name: any number).</param>
    /// <param name="identify">A match's id and display name.</param>
    /// <param name="groups">The directory's groups, which unreadable matches are added to.</param>
    public static (T? Found, GroupLookup? Failed) Resolve<T>(
        string idpLabel, IdpGroupReference reference, string? problem, IReadOnlyList<T> matches, Func<T, (string Id, string Name)> identify, Dictionary<string, IdpGroup> groups)
        where T : class
    {
        if (problem is not null)
        {
            if (reference.Id is { Length: > 0 } id)
            {
                groups[id] = new IdpGroup(id, id, MembershipState.Unknown, [], null);
            }

            return (null, new GroupLookup(reference, GroupLookupOutcome.LookupFailed, reference.Id, problem));
        }

        switch (matches.Count)
        {
            case 0:
                return (null, new GroupLookup(reference, GroupLookupOutcome.NotFound, null, $"{idpLabel} has no group {Describe(reference)}"));
            case 1:
                return (matches[0], null);
            default:
                var named = matches.Select(identify).ToList();
                foreach (var (id, name) in named)
                {
                    groups.TryAdd(id, new IdpGroup(id, name, MembershipState.Unknown, [], null));
                }

                return (null, new GroupLookup(reference, GroupLookupOutcome.Ambiguous, null,
                    $"{matches.Count} {idpLabel} groups are named \"{reference.DisplayName}\" ({string.Join(", ", named.Select(n => n.Id))}); bind by id"));
        }
    }

    /// <summary>"00g123" or "named \"Social Editors\"".</summary>
    public static string Describe(IdpGroupReference reference) =>
        reference.Id is { Length: > 0 } id ? id : $"named \"{reference.DisplayName}\"";
}
