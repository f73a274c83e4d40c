using Cerby.Operator.Planning;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>Builds what each hub's app has from the AppSnapshot documents, one per BusinessHub.</summary>
internal static class ActualAccessBuilder
{
    /// <summary>The apps' members by hub namespace/name, and the reference errors. Hubs without a snapshot are absent.</summary>
    public static (IReadOnlyDictionary<string, ActualAccess> Apps, IReadOnlyList<ManifestError> Errors) Build(ManifestSet manifests)
    {
        var errors = new List<ManifestError>();
        var hubs = manifests.Hubs.Select(h => ResourceKeys.Of(h.Value.Metadata)).ToHashSet(StringComparer.Ordinal);
        var apps = new Dictionary<string, ActualAccess>(StringComparer.Ordinal);
        var firstAt = new Dictionary<string, ManifestDocument>(StringComparer.Ordinal);
        foreach (var (snapshot, document) in manifests.AppSnapshots)
        {
            var key = ResourceKeys.Sibling(snapshot.Metadata, snapshot.HubRef.Name);
            if (!hubs.Contains(key))
            {
                errors.Add(document.Error("hubRef.name", $"BusinessHub \"{snapshot.HubRef.Name}\" does not exist in namespace {ResourceKeys.NamespaceOf(snapshot.Metadata)}"));
            }
            else if (firstAt.TryGetValue(key, out var first))
            {
                errors.Add(document.Error("hubRef.name", $"a second AppSnapshot of BusinessHub {key} (first at {first.File}:{first.LineOf("hubRef.name")})"));
            }
            else
            {
                firstAt[key] = document;
                apps[key] = new ActualAccess(key, Members(snapshot, document, errors));
            }
        }

        return (apps, errors);
    }

    private static Dictionary<string, ActualMember> Members(AppSnapshotManifest snapshot, ManifestDocument document, List<ManifestError> errors)
    {
        var members = new Dictionary<string, ActualMember>(StringComparer.Ordinal);
        for (var i = 0; i < snapshot.Members.Count; i++)
        {
            var member = snapshot.Members[i];
            var key = UserKey.Of(member.Email);
            var state = member.State switch
            {
                SnapshotMemberState.Invited => MemberState.Invited,
                SnapshotMemberState.Suspended => MemberState.Suspended,
                _ => MemberState.Active,
            };
            var assets = member.Assets.Select(a => new AppAsset(a.Kind, a.Id, a.Tasks)).ToList();
            var actual = new ActualMember(key, member.Email, member.AppUserId, member.NativeRole, state, member.Managed, assets, member.Attributes, member.InviteExpired);
            if (!members.TryAdd(key, actual))
            {
                errors.Add(document.Error($"members[{i}].email", $"{member.Email} is listed more than once"));
            }
        }

        return members;
    }
}
