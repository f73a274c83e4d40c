using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity;

/// <summary>
/// What an incremental read learned: groups whose membership was read again, users whose lifecycle or profile was read
/// again (a deleted user comes back as <see cref="UserLifecycle.Deleted"/>), and the app integration's assignments
/// when they changed.
/// </summary>
/// <param name="Assignments">The complete, re-read assignments; null when they did not change.</param>
internal sealed record IdentityUpdate(IReadOnlyList<IdpGroup> Groups, IReadOnlyList<IdpUser> Users, IReadOnlyList<AppAssignment>? Assignments)
{
    public bool IsEmpty => Groups.Count == 0 && Users.Count == 0 && Assignments is null;

    /// <summary>
    /// The source asks for a full read right after this update (inbound SCIM's first push into an empty store makes its
    /// users known, which only a read can say).
    /// </summary>
    public bool FullReadNeeded { get; init; }

    /// <summary>
    /// This update as the planner takes it (users, then groups). Assignments have no incremental path in the planner: a
    /// non-null <see cref="Assignments"/> needs a snapshot built from <see cref="ApplyTo(IdpDirectory)"/>.
    /// </summary>
    public IdentityChange Change(string idpKey) => new(idpKey, Groups, Users, Assignments is not null);

    /// <summary>The directory with this update applied: the snapshot a caller keeps between full reads.</summary>
    public IdpDirectory ApplyTo(IdpDirectory directory)
    {
        var users = new Dictionary<string, IdpUser>(directory.Users, StringComparer.Ordinal);
        foreach (var user in Users)
        {
            users[user.Id] = user;
        }

        var groups = new Dictionary<string, IdpGroup>(directory.Groups, StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            groups[group.Id] = group;
        }

        return directory with
        {
            Users = users,
            Groups = groups,
            AssignmentsKnown = Assignments is not null || directory.AssignmentsKnown,
            Assignments = Assignments ?? directory.Assignments,
        };
    }
}
