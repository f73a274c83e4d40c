using Cerby.Operator.Planning;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>Reads <see cref="PlanInputs"/> from a folder of manifests and snapshot files: no cluster, no IdP, no app.</summary>
internal static class OfflineInputs
{
    /// <summary>The inputs, or every error found (file:line), or a single problem with the folder itself.</summary>
    public static (PlanInputs? Inputs, IReadOnlyList<ManifestError> Errors, string? Problem) Load(string folder, DateTimeOffset now)
    {
        var files = ManifestFiles.Find(folder);
        if (files is null or { Count: 0 })
        {
            return (null, [], files is null ? $"{folder}: no such file or folder" : $"{folder}: no *.yaml or *.yml files");
        }

        var (manifests, errors) = ManifestLoader.Load(files);
        if (errors.Count > 0)
        {
            return (null, errors, null);
        }

        var declared = manifests.Declared();
        var (identity, identityErrors, warnings) = IdentityDirectoryBuilder.Build(manifests);
        var (apps, appErrors) = ActualAccessBuilder.Build(manifests);
        var problems = ResourceValidator.Validate(declared).Select(p => ProblemLocator.Locate(p, manifests)).Concat(identityErrors).Concat(appErrors).ToList();
        if (problems.Count > 0)
        {
            return (null, problems, null);
        }

        var since = manifests.AppSnapshots
            .GroupBy(s => ResourceKeys.Sibling(s.Value.Metadata, s.Value.HubRef.Name), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, DateTimeOffset>)g.First().Value.Members
                    .Where(m => m.KnownSince is not null)
                    .DistinctBy(m => UserKey.Of(m.Email), StringComparer.Ordinal)
                    .ToDictionary(m => UserKey.Of(m.Email), m => m.KnownSince!.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);
        var inputs = new PlanInputs(declared, identity, apps, new Dictionary<string, string>(), since, warnings, now, Live: false);
        return (inputs, [], null);
    }
}
