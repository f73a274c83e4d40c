using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace Cerby.Operator.Planning;

/// <summary>
/// The desired members of one hub while their grants are collected, kept as the very records the desired access hands
/// out: a member with one grant holds the grant's shared one-grant list, and only a member with several grants or
/// mapped attributes gets lists of their own. So collecting a hub of a few hundred members allocates little more than
/// the members themselves, and nothing is copied at the end.
/// </summary>
internal sealed class MemberSet
{
    private static readonly IReadOnlyDictionary<string, string?> NoAttributes = ReadOnlyDictionary<string, string?>.Empty;
    private readonly Dictionary<string, DesiredMember> _members;

    /// <param name="capacity">How many members to expect (an estimate: the set grows past it).</param>
    public MemberSet(int capacity) => _members = new Dictionary<string, DesiredMember>(capacity, StringComparer.Ordinal);

    /// <summary>The members collected, by key, in the order they were first admitted. The set must not be used after.</summary>
    public IReadOnlyDictionary<string, DesiredMember> Members => _members;

    /// <summary>Adds a grant to an active user (creating the member); an inactive user holds no access, whatever names them.</summary>
    /// <param name="alone">The grant as a one-grant list, shared by every member it is the only grant of; never changed.</param>
    /// <returns>Whether the user is a member (false for an inactive user).</returns>
    public bool Admit(IdpUser user, Grant grant, IReadOnlyList<Grant> alone)
    {
        if (user.Lifecycle != UserLifecycle.Active)
        {
            return false; // an inactive user holds no access, whatever shares name them (individual shares included)
        }

        ref var member = ref CollectionsMarshal.GetValueRefOrAddDefault(_members, user.Key, out var exists);
        if (!exists)
        {
            member = new DesiredMember(user.Key, user.Email, user.Id, alone, NoAttributes);
        }
        else if (member!.Grants is List<Grant> own)
        {
            if (!own.Contains(grant))
            {
                own.Add(grant);
            }
        }
        else if (!member.Grants.Contains(grant))
        {
            var grants = new List<Grant>(member.Grants.Count + 1);
            grants.AddRange(member.Grants);
            grants.Add(grant);
            member = member with { Grants = grants };
        }

        return true;
    }

    /// <summary>Sets an app attribute of a member already admitted (a null value means the attribute should be empty).</summary>
    public void SetAttribute(string userKey, string name, string? value)
    {
        ref var member = ref CollectionsMarshal.GetValueRefOrNullRef(_members, userKey);
        if (member.Attributes is Dictionary<string, string?> own)
        {
            own[name] = value;
            return;
        }

        member = member with { Attributes = new Dictionary<string, string?>(StringComparer.Ordinal) { [name] = value } };
    }
}
