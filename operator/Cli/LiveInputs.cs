using Cerby.Operator.Planning;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Objects;
using k8s.Exceptions;

namespace Cerby.Operator.Cli;

/// <summary>
/// Reads <see cref="PlanInputs"/> from a cluster: the declared resources (with the -f manifests laid over them), every
/// IdentityProvider of a namespace that has hubs, and every hub's app, through the operator's own sources and
/// connectors with the credentials of the Secrets the resources name. Read-only: list and get on the cluster, reads on
/// the IdPs and apps. Every Secret value read is added to the redactor given, which scrubs all output.
/// </summary>
internal static class LiveInputs
{
    public static async Task<(PlanInputs? Inputs, IReadOnlyList<ManifestError> Errors, string? Problem)> LoadAsync(
        SourceArguments source, SecretRedactor redactor, TimeProvider time, CancellationToken cancellationToken)
    {
        var (overlay, overlayErrors, overlayProblem) = LoadOverlay(source.Overlays);
        if (overlayProblem is not null || overlayErrors.Count > 0)
        {
            return (null, overlayErrors, overlayProblem);
        }

        k8s.Kubernetes client;
        try
        {
            client = LiveCluster.Connect(source.Kubeconfig, source.Context);
        }
        catch (KubeConfigException e)
        {
            return (null, [], $"kubeconfig: {e.Message}");
        }

        using (client)
        {
            DeclaredState declared;
            try
            {
                declared = await LiveDeclaredReader.ReadAsync(client, overlay, cancellationToken);
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                return (null, [], $"the cluster could not be read: {e.Message}");
            }

            // A problem of a pull request's manifest fails the plan (file:line); one of the cluster's objects is what the
            // operator lives with already (an invalid share keeps its users' access as it is): a warning.
            var warnings = new List<string>();
            var errors = new List<ManifestError>();
            foreach (var problem in ResourceValidator.Validate(declared))
            {
                if (overlay.DocumentsOf(problem.Kind, problem.Key).Count > 0)
                {
                    errors.Add(ProblemLocator.Locate(problem, overlay));
                }
                else
                {
                    warnings.Add($"{problem.Kind} {problem.Key} in the cluster: {problem.Field}: {problem.Message}");
                }
            }

            if (errors.Count > 0)
            {
                return (null, errors, null);
            }

            if (overlay.IdentitySnapshots.Count + overlay.AppSnapshots.Count > 0)
            {
                warnings.Add($"{overlay.IdentitySnapshots.Count + overlay.AppSnapshots.Count} IdentitySnapshot/AppSnapshot documents of -f are ignored: --live reads the IdPs and apps themselves");
            }

            var secrets = new SecretReader(client, redactor);
            var hubNamespaces = declared.Hubs.Select(h => ResourceKeys.NamespaceOf(h.Metadata)).ToHashSet(StringComparer.Ordinal);
            var directories = new Dictionary<string, IdpDirectory>(StringComparer.Ordinal);
            var unreadableIdps = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var idp in declared.IdentityProviders.DistinctBy(i => ResourceKeys.Of(i.Metadata), StringComparer.Ordinal)
                         .Where(i => hubNamespaces.Contains(ResourceKeys.NamespaceOf(i.Metadata))))
            {
                var (directory, problem) = await LiveIdentityReader.ReadAsync(idp, declared, client, secrets, time, cancellationToken);
                if (directory is not null)
                {
                    directories[ResourceKeys.Of(idp.Metadata)] = directory;
                }
                else
                {
                    unreadableIdps[ResourceKeys.Of(idp.Metadata)] = problem!;
                }
            }

            var apps = new Dictionary<string, ActualAccess>(StringComparer.Ordinal);
            var since = new Dictionary<string, IReadOnlyDictionary<string, DateTimeOffset>>(StringComparer.Ordinal);
            var unknown = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var hub in declared.Hubs.DistinctBy(h => ResourceKeys.Of(h.Metadata), StringComparer.Ordinal))
            {
                var key = ResourceKeys.Of(hub.Metadata);
                var ns = ResourceKeys.NamespaceOf(hub.Metadata);
                // IdPs are namespaced: one that cannot be read leaves every hub of its namespace unknown.
                var idpProblems = unreadableIdps.Where(kv => ResourceKeys.NamespaceOfKey(kv.Key) == ns).Select(kv => kv.Value).ToList();
                if (idpProblems.Count > 0)
                {
                    unknown[key] = string.Join("; ", idpProblems);
                    continue;
                }

                var (app, appProblem) = await LiveAppReader.ReadAsync(hub, declared, client, secrets, time, cancellationToken);
                if (app is null)
                {
                    unknown[key] = appProblem!;
                    continue;
                }

                apps[key] = app.Actual;
                since[key] = app.Since;
            }

            var inputs = new PlanInputs(declared, new IdentitySnapshot(directories), apps, unknown, since, warnings, source.Now ?? time.GetUtcNow(), Live: true);
            return (inputs, [], null);
        }
    }

    /// <summary>The manifests of every -f folder or file, in order; the errors of all of them.</summary>
    private static (ManifestSet Overlay, IReadOnlyList<ManifestError> Errors, string? Problem) LoadOverlay(IReadOnlyList<string> paths)
    {
        var files = new List<ManifestFiles.Entry>();
        foreach (var path in paths)
        {
            var found = ManifestFiles.Find(path);
            if (found is null)
            {
                return (new ManifestSet(), [], $"{path}: no such file or folder");
            }

            files.AddRange(found);
        }

        var (overlay, errors) = ManifestLoader.Load(files);
        return (overlay, errors, null);
    }
}
