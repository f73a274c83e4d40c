using Cerby.Operator.Planning;
using Microsoft.Graph.Models;

namespace Cerby.Operator.Identity.Entra;

/// <summary>One group's membership read completely: its users at any depth, and the groups nested in it.</summary>
internal sealed record EntraGroupMembers(IdpGroup Group, IReadOnlyList<User> Users, IReadOnlySet<string> NestedGroups)
{
    /// <summary>Reads the transitive user members and the nested group ids; throws <see cref="EntraApiException"/> when either fails.</summary>
    public static async Task<EntraGroupMembers> ReadAsync(EntraGraph graph, string groupId, string displayName, TimeProvider time, CancellationToken cancellationToken)
    {
        var users = await graph.ListTransitiveUsersAsync(groupId, cancellationToken);
        var nested = await graph.ListNestedGroupIdsAsync(groupId, cancellationToken);
        var memberIds = users.Select(u => u.Id).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new EntraGroupMembers(
            new IdpGroup(groupId, displayName, MembershipState.Known, memberIds, time.GetUtcNow()),
            users,
            nested.ToHashSet(StringComparer.Ordinal));
    }
}
