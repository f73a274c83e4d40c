using Cerby.Emulators.Okta;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// The emulated Okta org of the latency run: <c>users</c> active users; the first 70% in "Bench Editors", the next
/// 10% in "Bench Admins", the last 20% in no group (the pool people join from).
/// </summary>
internal sealed class OktaPopulation
{
    public const string EditorsGroup = "Bench Editors";
    public const string AdminsGroup = "Bench Admins";

    private OktaPopulation(string editors, string admins, IReadOnlyList<(string Id, string Email)> users, int editorCount, int adminCount)
    {
        (Editors, Admins, Users, EditorCount, AdminCount) = (editors, admins, users, editorCount, adminCount);
    }

    public string Editors { get; }

    public string Admins { get; }

    /// <summary>Every user in creation order: editors, then admins, then the ungrouped pool.</summary>
    public IReadOnlyList<(string Id, string Email)> Users { get; }

    public int EditorCount { get; }

    public int AdminCount { get; }

    /// <summary>Members the app should hold after the first sync: every editor and admin.</summary>
    public int InitialMembers => EditorCount + AdminCount;

    public static OktaPopulation Create(OktaOrg org, int users)
    {
        var editors = org.CreateGroup(EditorsGroup);
        var admins = org.CreateGroup(AdminsGroup);
        var (editorCount, adminCount) = (users * 7 / 10, users / 10);
        var created = new List<(string Id, string Email)>(users);
        for (var i = 0; i < users; i++)
        {
            var email = $"user{i:D5}@bench.test";
            var id = org.CreateUser(email);
            created.Add((id, email));
            if (i < editorCount)
            {
                org.AddToGroup(editors, id);
            }
            else if (i < editorCount + adminCount)
            {
                org.AddToGroup(admins, id);
            }
        }

        return new OktaPopulation(editors, admins, created, editorCount, adminCount);
    }
}
