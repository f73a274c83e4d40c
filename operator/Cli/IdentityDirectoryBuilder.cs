using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// Builds the planner's identity snapshot from the IdentitySnapshot documents, one per IdentityProvider, checking
/// that every id they mention is listed. An IdentityProvider without a snapshot is left out: the planner then treats
/// its groups as unknown, which never removes anyone.
/// </summary>
internal static class IdentityDirectoryBuilder
{
    /// <summary>The snapshot's status for a user the IdP no longer has (Okta answers 404 for them).</summary>
    private const string DeletedStatus = "DELETED";

    /// <summary>The snapshot, the reference errors, and warnings about what is unknown.</summary>
    public static (IdentitySnapshot Identity, IReadOnlyList<ManifestError> Errors, IReadOnlyList<string> Warnings) Build(ManifestSet manifests)
    {
        var errors = new List<ManifestError>();
        var warnings = new List<string>();
        // A duplicate IdentityProvider is the validator's error to report; the first one stands here.
        var idps = manifests.IdentityProviders.DistinctBy(i => ResourceKeys.Of(i.Value.Metadata), StringComparer.Ordinal)
            .ToDictionary(i => ResourceKeys.Of(i.Value.Metadata), i => i.Value, StringComparer.Ordinal);
        var directories = new Dictionary<string, IdpDirectory>(StringComparer.Ordinal);
        var firstAt = new Dictionary<string, ManifestDocument>(StringComparer.Ordinal);
        foreach (var (snapshot, document) in manifests.IdentitySnapshots)
        {
            var key = ResourceKeys.Sibling(snapshot.Metadata, snapshot.IdentityProviderRef.Name);
            if (!idps.ContainsKey(key))
            {
                errors.Add(document.Error("identityProviderRef.name", $"IdentityProvider \"{snapshot.IdentityProviderRef.Name}\" does not exist in namespace {ResourceKeys.NamespaceOf(snapshot.Metadata)}"));
            }
            else if (firstAt.TryGetValue(key, out var first))
            {
                errors.Add(document.Error("identityProviderRef.name", $"a second IdentitySnapshot of IdentityProvider {key} (first at {first.File}:{first.LineOf("identityProviderRef.name")})"));
            }
            else
            {
                firstAt[key] = document;
                directories[key] = Directory(key, snapshot, document, errors, warnings);
            }
        }

        foreach (var (key, idp) in idps.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!directories.TryGetValue(key, out var directory))
            {
                warnings.Add($"no IdentitySnapshot of IdentityProvider {key}: its groups and users are unknown, so nobody loses access through them");
            }
            else if (idp.Spec.AppIntegration is { } app && !directory.AssignmentsKnown)
            {
                warnings.Add($"the IdentitySnapshot of IdentityProvider {key} has no appAssignments: assignments of app {app.AppId} are unknown, so nobody loses access through them");
            }
        }

        return (new IdentitySnapshot(directories), errors, warnings);
    }

    private static IdpDirectory Directory(string key, IdentitySnapshotManifest snapshot, ManifestDocument document, List<ManifestError> errors, List<string> warnings)
    {
        var users = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        for (var i = 0; i < snapshot.Users.Count; i++)
        {
            var user = snapshot.Users[i];
            if (user.Status != DeletedStatus && !OktaUserMapping.KnownStatuses.Contains(user.Status))
            {
                warnings.Add($"{document.File}:{document.LineOf($"users[{i}].status")}: user {user.Email} has status \"{user.Status}\", which Okta does not document: treated as SUSPENDED (no access), as the operator does");
            }

            var lifecycle = user.Status == DeletedStatus ? UserLifecycle.Deleted : OktaUserMapping.Lifecycle(user.Status);
            if (!users.TryAdd(user.Id, new IdpUser(user.Id, user.Email, lifecycle, user.Profile)))
            {
                errors.Add(document.Error($"users[{i}].id", $"user {user.Id} is listed more than once"));
            }
        }

        var groups = new Dictionary<string, IdpGroup>(StringComparer.Ordinal);
        for (var i = 0; i < snapshot.Groups.Count; i++)
        {
            var group = snapshot.Groups[i];
            if (snapshot.UsersKnown)
            {
                CheckUsers(group.Members.Select((id, j) => (id, $"groups[{i}].members[{j}]")), users, document, errors);
            }

            var state = group.State switch
            {
                SnapshotMembershipState.Stale => MembershipState.Stale,
                SnapshotMembershipState.Unknown => MembershipState.Unknown,
                _ => MembershipState.Known,
            };
            if (!groups.TryAdd(group.Id, new IdpGroup(group.Id, group.Name, state, group.Members, group.KnownAt)))
            {
                errors.Add(document.Error($"groups[{i}].id", $"group {group.Id} is listed more than once"));
            }
        }

        var assignments = new List<AppAssignment>();
        if (snapshot.AppAssignments is { } listed)
        {
            if (snapshot.UsersKnown)
            {
                CheckUsers(listed.Users.Select((a, j) => (a.Id, $"appAssignments.users[{j}].id")), users, document, errors);
            }

            for (var i = 0; i < listed.Groups.Count; i++)
            {
                if (!groups.ContainsKey(listed.Groups[i].Id))
                {
                    errors.Add(document.Error($"appAssignments.groups[{i}].id", $"group {listed.Groups[i].Id} is not in groups (list it, with state: unknown if its members are not known)"));
                }
            }

            assignments.AddRange(listed.Users.Select(a => new AppAssignment(a.Id, null, a.Profile)));
            assignments.AddRange(listed.Groups.Select(a => new AppAssignment(null, a.Id, a.Profile)));
        }

        return new IdpDirectory(key, snapshot.UsersKnown, users, groups, snapshot.AppAssignments is not null, assignments);
    }

    /// <summary>A listed id that is not a user is almost always a typo; a user the IdP deleted is listed with status DELETED.</summary>
    private static void CheckUsers(IEnumerable<(string Id, string Path)> references, Dictionary<string, IdpUser> users, ManifestDocument document, List<ManifestError> errors)
    {
        foreach (var (id, path) in references.Where(r => !users.ContainsKey(r.Id)))
        {
            errors.Add(document.Error(path, $"user {id} is not in users (list it, with status DELETED if the IdP deleted it)"));
        }
    }
}
