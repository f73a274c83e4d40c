using Cerby.Emulators.Tools;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Cerby.Operator.Tests.Charts;
using Cerby.Operator.Tests.Cli;
using YamlDotNet.RepresentationModel;

namespace Cerby.Operator.Tests.Deploy;

/// <summary>
/// The Argo CD health checks of <c>deploy/argocd/argocd-cm-health.yaml</c>, run as Argo CD runs them (the object as the
/// global <c>obj</c>, a table { status, message } returned) in fengari, a Lua VM in node (<c>tests/argocd-health</c>).
/// </summary>
public sealed class ArgoCdHealthTests
{
    private static readonly string[] Kinds = ["BusinessHub", "TeamShare", "IdpGroupBinding", "IdentityProvider"];

    public static TheoryData<string> AllKinds() => [.. Kinds];

    [LuaTheory]
    [MemberData(nameof(AllKinds))]
    public void Each_kind_reports_ready_stale_failed_and_missing_status(string kind)
    {
        var results = Run(kind,
            Object(kind, generation: 3, status: null),
            Object(kind, generation: 3, status: Status(3, Ready("True", 3, "Synced", "3 members"))),
            Object(kind, generation: 3, status: Status(2, Ready("True", 2, "Synced", "3 members"))),
            Object(kind, generation: 3, status: Status(3, Ready("True", 2, "Synced", "3 members"))),
            Object(kind, generation: 3, status: Status(3, Ready("False", 3, "CredentialsMissing", "Secret okta-api-token not found"))),
            Object(kind, generation: 3, status: Status(3, Ready("Unknown", 3, "Reading", "reading the IdP"))),
            Object(kind, generation: 3, status: Status(3)),
            Object(kind, generation: 3, status: new JsonObject { ["conditions"] = new JsonArray(Ready("True", null, "Synced", "ok")) }));

        Assert.Equal(
            [
                ("Progressing", "Waiting for the operator to report status"),
                ("Healthy", "Synced: 3 members"),
                ("Progressing", "Waiting for the operator to observe generation 3"),
                ("Progressing", "Waiting for the operator to observe generation 3"),
                ("Degraded", "CredentialsMissing: Secret okta-api-token not found"),
                ("Progressing", "Reading: reading the IdP"),
                ("Progressing", "Waiting for the Ready condition"),
                ("Healthy", "Synced: ok"),
            ],
            results);
    }

    [LuaFact]
    public void A_paused_hub_is_suspended_whatever_its_conditions()
    {
        var paused = Object("BusinessHub", 1, Status(1, Ready("False", 1, "AppUnreachable", "timeout")));
        paused["spec"] = new JsonObject { ["policy"] = new JsonObject { ["paused"] = true } };
        var running = Object("BusinessHub", 1, Status(1, Ready("True", 1, "Synced", "in sync")));
        running["spec"] = new JsonObject { ["policy"] = new JsonObject { ["paused"] = false } };

        Assert.Equal(
            [("Suspended", "Paused (spec.policy.paused): the operator makes no changes to this hub"), ("Healthy", "Synced: in sync")],
            Run("BusinessHub", paused, running));
    }

    [LuaFact]
    public void A_ready_hub_holding_removals_stays_healthy_and_says_so()
    {
        var hub = Object("BusinessHub", 1, Status(1, Ready("True", 1, "Synced", "in sync"), Condition("RemovalsHeld", "True", 1, "GuardTripped", "12 removals exceed maxRemovals 10; hash 3f2a")));

        var (status, message) = Assert.Single(Run("BusinessHub", hub));

        Assert.Equal("Healthy", status);
        Assert.Equal("Removals held: 12 removals exceed maxRemovals 10; hash 3f2a (approve with the access.cerby.io/approve-removals annotation)", message);
    }

    [Fact]
    public void The_snippet_has_a_check_for_each_kind_and_nothing_else()
    {
        Assert.Equal(
            Kinds.Select(kind => $"resource.customizations.health.access.cerby.io_{kind}").Order(StringComparer.Ordinal),
            Scripts().Keys.Order(StringComparer.Ordinal));
    }

    private static IReadOnlyList<(string Status, string Message)> Run(string kind, params JsonObject[] objects)
    {
        var input = new JsonObject
        {
            ["script"] = Scripts()[$"resource.customizations.health.access.cerby.io_{kind}"],
            ["objects"] = new JsonArray([.. objects]),
        };
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Lua.Directory,
        };
        info.ArgumentList.Add("run.js");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "node run.js did not finish within 30 s");
        Assert.True(process.ExitCode == 0, $"node run.js exited {process.ExitCode}: {stderr.Result}");

        return [.. JsonNode.Parse(stdout.Result)!.AsArray().Select(result =>
        {
            Assert.True(result!["error"] is null, $"the {kind} script failed: {result["error"]}");
            return (result["status"]!.GetValue<string>(), result["message"]?.GetValue<string>() ?? "");
        })];
    }

    private static Dictionary<string, string> Scripts()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "argocd", "argocd-cm-health.yaml"))));
        var data = (YamlMappingNode)RenderedDocument.Child(stream.Documents[0].RootNode, "data")!;
        return data.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
    }

    private static JsonObject Object(string kind, long generation, JsonObject? status)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "access.cerby.io/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "x", ["namespace"] = "team-a", ["generation"] = generation },
            ["spec"] = new JsonObject(),
        };
        if (status is not null)
        {
            obj["status"] = status;
        }

        return obj;
    }

    private static JsonObject Status(long observedGeneration, params JsonObject[] conditions) =>
        new() { ["observedGeneration"] = observedGeneration, ["conditions"] = new JsonArray([.. conditions]) };

    private static JsonObject Ready(string status, long? observedGeneration, string reason, string message) =>
        Condition("Ready", status, observedGeneration, reason, message);

    private static JsonObject Condition(string type, string status, long? observedGeneration, string reason, string message)
    {
        var condition = new JsonObject
        {
            ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message,
            ["lastTransitionTime"] = "2026-11-23T12:00:00Z",
        };
        if (observedGeneration is { } generation)
        {
            condition["observedGeneration"] = generation;
        }

        return condition;
    }
}

/// <summary>Where fengari is installed: the tests run <c>npm ci</c> in <c>tests/argocd-health</c> the first time.</summary>
internal static class Lua
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "tests", "argocd-health");

    /// <summary>Null once fengari is installed; otherwise why it could not be (then the Lua tests skip with it).</summary>
    public static string? SkipReason { get; } = ToolInstaller.EnsureNpmPackages(Directory, "fengari") is { } reason
        ? $"fengari (a Lua VM in node) is not installed and could not be: {reason}"
        : null;
}

/// <summary>A test that runs Lua: skipped, with the reason, only when fengari is not installed.</summary>
public sealed class LuaFactAttribute : FactAttribute
{
    public LuaFactAttribute()
    {
        if (Lua.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that runs Lua: skipped, with the reason, only when fengari is not installed.</summary>
public sealed class LuaTheoryAttribute : TheoryAttribute
{
    public LuaTheoryAttribute()
    {
        if (Lua.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
