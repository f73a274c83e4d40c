namespace Cerby.Operator.Planning;

/// <summary>A desired member while their grants are collected.</summary>
internal sealed class MemberBuilder(IdpUser user)
{
    public List<Grant> Grants { get; } = [];

    public Dictionary<string, string?> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a grant to an active user (creating the member); an inactive user holds no access, whatever names them.</summary>
    public static MemberBuilder? Admit(IdpUser user, Grant grant, Dictionary<string, MemberBuilder> members)
    {
        if (user.Lifecycle != UserLifecycle.Active)
        {
            return null; // an inactive user holds no access, whatever shares name them (individual shares included)
        }

        if (!members.TryGetValue(user.Key, out var builder))
        {
            members[user.Key] = builder = new MemberBuilder(user);
        }

        if (!builder.Grants.Contains(grant))
        {
            builder.Grants.Add(grant);
        }

        return builder;
    }

    public DesiredMember Build() => new(user.Key, user.Email, user.Id, Grants, Attributes);
}
