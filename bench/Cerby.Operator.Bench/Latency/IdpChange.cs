using Cerby.Emulators.Okta;

namespace Cerby.Operator.Bench.Latency;

/// <summary>The kinds of IdP change the run makes, in this rotation.</summary>
internal enum ChangeKind
{
    /// <summary>An ungrouped user joins Bench Editors: the app gets a new member with the editor role.</summary>
    Join,

    /// <summary>An editor joins Bench Admins too: the app raises them to admin.</summary>
    Promote,

    /// <summary>The same user leaves Bench Admins: the app lowers them to editor.</summary>
    Demote,

    /// <summary>An editor is deactivated in Okta: the app removes them.</summary>
    Deactivate,
}

/// <summary>One Okta change, the user it touches, and the hub role the app must show afterwards (null = not a member).</summary>
internal sealed record IdpChange(ChangeKind Kind, string UserId, string Email, Action<OktaOrg> Apply, string? ExpectedRole)
{
    /// <summary>
    /// <paramref name="count"/> changes rotating Join, Promote, Demote, Deactivate; each touches users no earlier
    /// change of its kind touched, so every change is a real difference.
    /// </summary>
    public static IReadOnlyList<IdpChange> Sequence(OktaPopulation people, int count)
    {
        var pool = people.Users.Skip(people.EditorCount + people.AdminCount).ToList();
        var editors = people.Users.Take(people.EditorCount).ToList();
        var rounds = (count + 3) / 4;
        if (rounds > pool.Count || rounds * 2 > editors.Count)
        {
            throw new ArgumentException($"{count} changes need at least {rounds} ungrouped users and {rounds * 2} editors; use more --users");
        }

        var changes = new List<IdpChange>(count);
        for (var i = 0; changes.Count < count; i++)
        {
            var (joiner, promoted, leaver) = (pool[i], editors[2 * i], editors[(2 * i) + 1]);
            changes.Add(new(ChangeKind.Join, joiner.Id, joiner.Email, org => org.AddToGroup(people.Editors, joiner.Id), "Editor"));
            changes.Add(new(ChangeKind.Promote, promoted.Id, promoted.Email, org => org.AddToGroup(people.Admins, promoted.Id), "Admin"));
            changes.Add(new(ChangeKind.Demote, promoted.Id, promoted.Email, org => org.RemoveFromGroup(people.Admins, promoted.Id), "Editor"));
            changes.Add(new(ChangeKind.Deactivate, leaver.Id, leaver.Email, org => org.Deactivate(leaver.Id), null));
        }

        return changes.Take(count).ToList();
    }
}
