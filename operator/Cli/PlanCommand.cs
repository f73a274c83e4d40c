using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// <c>plan &lt;folder&gt;</c>: reads manifests and snapshots, and prints what the operator would change in every hub's
/// app, with the reason for each change. Touches nothing: no cluster, no IdP, no app.
/// </summary>
internal static class PlanCommand
{
    /// <summary>0 when the plan was computed, 1 on invalid input, 2 on a usage error, 3 with --exit-code when there are changes.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help"])
        {
            stdout.WriteLine(PlanArguments.Usage);
            return 0;
        }

        var (arguments, usageError) = PlanArguments.Parse(args);
        if (arguments is null)
        {
            stderr.WriteLine($"plan: {usageError}");
            stderr.WriteLine(PlanArguments.Usage);
            return 2;
        }

        var files = ManifestFiles.Find(arguments.Input);
        if (files is null or { Count: 0 })
        {
            stderr.WriteLine(files is null ? $"plan: {arguments.Input}: no such file or folder" : $"plan: {arguments.Input}: no *.yaml or *.yml files");
            return 1;
        }

        try
        {
            return Plan(arguments, files, stdout, stderr);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"plan: {e.Message}");
            return 1;
        }
    }

    private static int Plan(PlanArguments arguments, IReadOnlyList<ManifestFiles.Entry> files, TextWriter stdout, TextWriter stderr)
    {
        var (manifests, errors) = ManifestLoader.Load(files);
        if (errors.Count > 0)
        {
            return Fail(errors, stderr);
        }

        var declared = manifests.Declared();
        var (identity, identityErrors, warnings) = IdentityDirectoryBuilder.Build(manifests);
        var (apps, appErrors) = ActualAccessBuilder.Build(manifests);
        var model = AccessModel.Build(declared, identity, arguments.Now ?? TimeProvider.System.GetUtcNow());
        var all = model.Problems.Select(p => ProblemLocator.Locate(p, manifests)).Concat(identityErrors).Concat(appErrors).ToList();
        if (all.Count > 0)
        {
            return Fail(all, stderr);
        }

        var hubs = declared.Hubs.ToDictionary(h => ResourceKeys.Of(h.Metadata), StringComparer.Ordinal);
        var reports = new List<HubPlanReport>();
        foreach (var key in model.Hubs.Keys.Order(StringComparer.Ordinal))
        {
            var hub = hubs[key];
            var desired = model.Desired(key);
            var hasSnapshot = apps.TryGetValue(key, out var actual);
            string? approved = null;
            hub.Metadata.Annotations?.TryGetValue(Annotations.ApproveRemovals, out approved);
            var plan = AccessPlanner.Plan(model.Hubs[key], desired, actual ?? new ActualAccess(key, new Dictionary<string, ActualMember>()), approved);
            reports.Add(PlanReportBuilder.Hub(hub, plan, desired, hasSnapshot));
        }

        var report = PlanReportBuilder.Report(warnings, reports);
        if (arguments.Json)
        {
            PlanJsonWriter.Write(report, stdout);
        }
        else
        {
            PlanTableWriter.Write(report, stdout);
        }

        var hasChanges = report.Summary.Changes + report.Summary.HeldRemovals > 0;
        return arguments.ExitCode && hasChanges ? 3 : 0;
    }

    /// <summary>Prints the errors in file and line order (file names sort as the files were read) and returns 1.</summary>
    private static int Fail(IEnumerable<ManifestError> errors, TextWriter stderr)
    {
        var list = errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
        foreach (var error in list)
        {
            stderr.WriteLine(error);
        }

        stderr.WriteLine($"plan: {list.Count} {(list.Count == 1 ? "error" : "errors")}; nothing was planned");
        return 1;
    }
}
