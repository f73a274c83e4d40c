using Cerby.Operator.Planning;

namespace Cerby.Operator.Bench.World;

/// <summary>The Okta directory of the world: users (a few inactive) and groups of about 40 members.</summary>
internal static class IdentityFactory
{
    private static readonly string[] Departments = ["marketing", "sales", "support", "engineering", "finance", "legal", "design", "ops"];
    private static readonly string[] Titles = ["associate", "specialist", "manager", "director", "intern"];

    public static string UserId(int index) => $"00u{index:D7}";

    public static string Email(int index) => $"user{index:D6}@acme.example";

    public static string GroupId(int index) => $"00g{index:D6}";

    public static IdpDirectory Create(WorldShape shape, string idpKey, DateTimeOffset now, Random random)
    {
        var users = new Dictionary<string, IdpUser>(shape.Users, StringComparer.Ordinal);
        for (var i = 0; i < shape.Users; i++)
        {
            var profile = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["department"] = Departments[random.Next(Departments.Length)],
                ["title"] = Titles[random.Next(Titles.Length)],
            };
            users.Add(UserId(i), new IdpUser(UserId(i), Email(i), Lifecycle(shape, random), profile));
        }

        var members = Enumerable.Range(0, shape.Groups).Select(_ => new List<string>()).ToArray();
        var chosen = new HashSet<int>();
        for (var i = 0; i < shape.Users; i++)
        {
            chosen.Clear();
            var count = random.Next(1, shape.MaxGroupsPerUser + 1);
            while (chosen.Count < count)
            {
                chosen.Add(random.Next(shape.Groups));
            }

            foreach (var group in chosen)
            {
                members[group].Add(UserId(i));
            }
        }

        var knownAt = now.AddMinutes(-2);
        var groups = new Dictionary<string, IdpGroup>(shape.Groups, StringComparer.Ordinal);
        for (var g = 0; g < shape.Groups; g++)
        {
            groups.Add(GroupId(g), new IdpGroup(GroupId(g), $"Group {g:D4}", MembershipState.Known, members[g], knownAt));
        }

        return new IdpDirectory(idpKey, true, users, groups, true, []);
    }

    private static UserLifecycle Lifecycle(WorldShape shape, Random random) =>
        random.NextDouble() >= shape.InactiveUserRatio ? UserLifecycle.Active
        : random.Next(2) == 0 ? UserLifecycle.Suspended
        : UserLifecycle.Deactivated;
}
