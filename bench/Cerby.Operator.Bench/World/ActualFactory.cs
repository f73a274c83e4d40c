using System.Collections.ObjectModel;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Bench.World;

/// <summary>
/// What the apps have: the desired state of each hub as the operator last applied it, then a small share of
/// differences so that plans are not empty — members missing, on the wrong role or with wrong asset tasks, expired
/// invites, and extra members (some the operator provisioned, some it did not, some recently deactivated in the IdP).
/// Strings are copied, as a real read of the app would give fresh ones.
/// </summary>
internal static class ActualFactory
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = ReadOnlyDictionary<string, string>.Empty;

    public static Dictionary<string, ActualAccess> Create(AccessModel model, IReadOnlyList<IdpUser> users, WorldShape shape, Random random)
    {
        var inactive = users.Where(u => u.Lifecycle != UserLifecycle.Active).ToList();
        var actual = new Dictionary<string, ActualAccess>(model.Hubs.Count, StringComparer.Ordinal);
        foreach (var (hubKey, hub) in model.Hubs)
        {
            actual.Add(hubKey, ForHub(hubKey, hub, model.Desired(hubKey), users, inactive, shape, random));
        }

        return actual;
    }

    private static ActualAccess ForHub(string hubKey, HubModel hub, DesiredAccess desired, IReadOnlyList<IdpUser> users, IReadOnlyList<IdpUser> inactive, WorldShape shape, Random random)
    {
        var d = shape.DifferenceRatio;
        var (missing, wrongRole, wrongAsset) = (d * 0.35, d * 0.65, d * 0.75); // cumulative bands; extras take the last quarter
        var members = new Dictionary<string, ActualMember>(desired.Members.Count + 8, StringComparer.Ordinal);
        foreach (var member in desired.Members.Values)
        {
            if (Entitlement.Of(hub, member) is not { } entitlement)
            {
                continue;
            }

            var roll = random.NextDouble();
            if (roll < missing)
            {
                continue;
            }

            var role = roll < wrongRole ? OtherRole(hub, entitlement.Role, random) : entitlement.Role;
            var assets = entitlement.Assets.Select(a => new AppAsset(a.Key.Kind, Copy(a.Key.Id), [.. a.Value])).ToList();
            if (roll >= wrongRole && roll < wrongAsset && assets.Count > 0)
            {
                assets[0] = assets[0] with { Tasks = ["ANALYZE", "MODERATE"] };
            }

            var invited = hub.InviteRequired && random.NextDouble() < 0.02;
            members.Add(member.Key, new ActualMember(
                Copy(member.Key), Copy(member.Email), $"{hub.Name}-{members.Count}", role.NativeRole,
                invited ? MemberState.Invited : MemberState.Active, Managed: true, invited ? [] : assets, NoAttributes,
                InviteExpired: invited && random.NextDouble() < 0.1));
        }

        // Users deactivated in the IdP since the last sync, still in the app: each a removal.
        AddExtras(members, hub, desired, inactive, Round(desired.Members.Count * d * 0.1, random), _ => true, random);

        // Members nobody shared the hub with: half provisioned by the operator earlier, half added by hand (drift).
        AddExtras(members, hub, desired, users, Round(desired.Members.Count * d * 0.25, random), r => r.Next(2) == 0, random);
        return new ActualAccess(hubKey, members);
    }

    private static void AddExtras(Dictionary<string, ActualMember> members, HubModel hub, DesiredAccess desired, IReadOnlyList<IdpUser> pool, int count, Func<Random, bool> managed, Random random)
    {
        for (var added = 0; added < count;)
        {
            var user = pool[random.Next(pool.Count)];
            if (!desired.Members.ContainsKey(user.Key) && members.TryAdd(user.Key, Extra(hub, user.Key, user.Email, managed(random), members.Count)))
            {
                added++;
            }
        }
    }

    /// <summary>Rounds up with the probability of the fraction, so small expected counts average out right.</summary>
    private static int Round(double expected, Random random) => (int)(expected + random.NextDouble());

    private static ActualMember Extra(HubModel hub, string key, string email, bool managed, int index) =>
        new(Copy(key), Copy(email), $"{hub.Name}-{index}", hub.Roles[^1].NativeRole, MemberState.Active, managed, [], NoAttributes);

    private static HubRoleModel OtherRole(HubModel hub, HubRoleModel role, Random random)
    {
        var others = hub.Roles.Where(r => r != role).ToList();
        return others[random.Next(others.Count)];
    }

    private static string Copy(string text) => new(text.AsSpan());
}
