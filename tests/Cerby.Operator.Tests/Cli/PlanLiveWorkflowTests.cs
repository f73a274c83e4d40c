using System.Diagnostics;
using Cerby.Operator.Tests.EndToEnd;

namespace Cerby.Operator.Tests.Cli;

/// <summary>
/// deploy/ci/plan-live.yml's plan step, run by bash as the runner would: a pull request (two commits of a GitOps
/// repository) raising a share, against the API test server, the Okta emulator and scimmy.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PlanLiveWorkflowTests : IAsyncLifetime
{
    private readonly DirectoryInfo _runner = Directory.CreateTempSubdirectory("cerby-ci-");
    private LiveWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await LiveWorld.StartAsync();
        var org = _world.Okta.Org;
        org.AddToGroup(org.CreateGroup("Editors"), org.CreateUser("alice@acme.test"));
        await _world.ProvisionAsync("alice@acme.test", "editor");
        await _world.ApplyAsync(_world.Basics() + LiveWorld.Binding("editors", "Editors") + LiveWorld.Share("editors", "Editor", team: "editors"));
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _runner.Delete(recursive: true);
    }

    [Fact]
    public async Task The_workflow_comments_the_live_plan_of_the_changed_folder_and_leaves_no_kubeconfig()
    {
        var root = _runner.FullName;
        var head = Path.Combine(root, "head");
        Directory.CreateDirectory(Path.Combine(head, "gitops", "live"));
        Directory.CreateDirectory(Path.Combine(head, "ci"));
        await Git(head, "init", "-q");
        await File.WriteAllTextAsync(Path.Combine(head, "gitops", "live", "shares.yaml"), LiveWorld.Share("editors", "Editor", team: "editors"));
        await File.WriteAllTextAsync(Path.Combine(head, "ci", "other.yaml"), "name: not cerby\n");
        await Git(head, "add", "-A");
        await Git(head, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
        var baseSha = (await Git(head, "rev-parse", "HEAD")).Trim();
        await File.WriteAllTextAsync(Path.Combine(head, "gitops", "live", "shares.yaml"), LiveWorld.Share("editors", "Admin", team: "editors"));
        await File.WriteAllTextAsync(Path.Combine(head, "ci", "other.yaml"), "name: still not cerby\n");
        await Git(head, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "raise editors");
        var headSha = (await Git(head, "rev-parse", "HEAD")).Trim();
        var temp = Path.Combine(root, "runner");
        Directory.CreateDirectory(temp);
        Directory.CreateSymbolicLink(Path.Combine(temp, "cerby"), AppContext.BaseDirectory.TrimEnd('/'));

        var (exitCode, output) = await RunAsync(WorkflowStep("Live plan of the changed folders"), root, new Dictionary<string, string>
        {
            ["BASE_SHA"] = baseSha,
            ["HEAD_SHA"] = headSha,
            ["KUBECONFIG_CONTENT"] = await File.ReadAllTextAsync(_world.Kubeconfig),
            ["RUNNER_TEMP"] = temp,
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(root, "summary.md"),
        });

        Assert.True(exitCode == 0, output);
        var comment = await File.ReadAllTextAsync(Path.Combine(temp, "plan.md"));
        Assert.StartsWith("## cerby-operator live plan", comment, StringComparison.Ordinal);
        Assert.Matches(@"RaiseRole\s+alice@acme\.test\s+Editor\s+Admin \(admin\)", comment);
        Assert.Contains("Merging changes the access above.", comment, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp, "kubeconfig")));
        Assert.Equal(comment, await File.ReadAllTextAsync(Path.Combine(root, "summary.md")));
    }

    /// <summary>The run script of the workflow step of that name (a literal block under "run: |").</summary>
    private static string WorkflowStep(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "deploy", "ci", "plan-live.yml"));
        var step = Array.FindIndex(lines, l => l.Trim() == $"- name: {name}");
        var run = Array.FindIndex(lines, step, l => l.Trim() == "run: |");
        var indent = lines[run + 1].Length - lines[run + 1].TrimStart().Length;
        return string.Join('\n', lines.Skip(run + 1).TakeWhile(l => l.Trim().Length == 0 || l.Length - l.TrimStart().Length >= indent).Select(l => l.Length >= indent ? l[indent..] : ""));
    }

    private static async Task<string> Git(string directory, params string[] args)
    {
        var (exitCode, output) = await RunAsync(null, directory, new Dictionary<string, string>(), "git", args);
        Assert.True(exitCode == 0, output);
        return output;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string? script, string directory, Dictionary<string, string> environment, string file = "bash", params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in script is null ? args : ["-c", script])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
