using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.Emulators.Meta;
using Cerby.Emulators.Okta;
using Cerby.Operator.Tests.EndToEnd;
using Cerby.Operator.Tests.KubeApi;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Cli;

/// <summary>
/// Seed 001 live: the example's manifests applied with kubectl to the API test server, Okta and Meta emulators holding
/// what the example's snapshots describe. <c>plan --live</c> must say what the offline plan of the snapshots says.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SeedLivePlanTests(ITestOutputHelper output)
{
    private const string Ns = "seed-001";
    private const string Page = "104729384756201";
    private const string AdAccount = "act_2874619305721846";

    [Fact]
    public async Task Seed001_live_plan_explain_and_report_agree_with_the_snapshots()
    {
        await using var server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServer.KubeApiServerOptions { CrdDirectory = Path.Combine(RepoPaths.Root, "crds") });
        await using var okta = await OktaEmulator.StartAsync("okta-" + Guid.NewGuid().ToString("N"));
        await using var meta = await MetaEmulator.StartAsync("1459875314621987", "meta-" + Guid.NewGuid().ToString("N"));
        var cache = Path.Combine(Path.GetTempPath(), $"cerby-seed-live-{Guid.NewGuid():N}");
        var kubectl = new Kubectl(server.KubeconfigPath, cache);

        // Okta and Meta as examples/001-provision/snapshots/ describe them.
        var org = okta.Org;
        var alice = org.CreateUser("alice.admin@acme.example");
        var bruno = org.CreateUser("bruno.editor@acme.example");
        var dana = org.CreateUser("dana.newhire@acme.example");
        var evan = org.CreateUser("evan.staged@acme.example", status: "STAGED");
        var admins = org.CreateGroup("Marketing Admins");
        var editors = org.CreateGroup("Marketing Editors");
        org.AddToGroup(admins, alice);
        foreach (var user in new[] { bruno, dana, evan })
        {
            org.AddToGroup(editors, user);
        }

        var business = meta.Business;
        var (page, adAccount) = (business.SeedPage(Page), business.SeedAdAccount(AdAccount));
        var metaAlice = business.SeedUser("alice.admin@acme.example", "ADMIN");
        var metaBruno = business.SeedUser("bruno.editor@acme.example", "EMPLOYEE");
        business.SeedAssignment(page, metaAlice, "ADVERTISE", "ANALYZE", "MANAGE");
        business.SeedAssignment(page, metaBruno, "ADVERTISE", "ANALYZE");
        business.SeedAssignment(adAccount, metaBruno, "ADVERTISE", "ANALYZE");

        var manifests = string.Join("\n---\n", Directory.GetFiles(RepoPaths.Examples("001-provision"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText))
            .Replace("https://acme.okta.com", okta.OrgUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("https://graph.facebook.com/v21.0", meta.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("00g5m2k8a1n3d7r9e4s6", admins, StringComparison.Ordinal);
        var since = new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var cluster = manifests + $$"""

            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: okta-api-token, namespace: {{Ns}} }
            data: { apiToken: {{Base64(okta.ApiToken)}} }
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: meta-system-user, namespace: {{Ns}} }
            data: { token: {{Base64(meta.AccessToken)}} }
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: cerby-ledger-meta-marketing, namespace: {{Ns}} }
            data:
              members: "alice.admin@acme.example\nbruno.editor@acme.example"
              since: "alice.admin@acme.example\t{{since}}"
            """;
        var file = Path.Combine(Path.GetTempPath(), $"cerby-seed-live-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, cluster);
        try
        {
            (await kubectl.RunAsync("apply", "-f", file)).Succeeded();
        }
        finally
        {
            File.Delete(file);
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }

        var live = CliResult.Run("plan", "--live", "--kubeconfig", server.KubeconfigPath, "-o", "json");
        var offline = CliResult.Run("plan", RepoPaths.Examples("001-provision"), "-o", "json");
        var table = CliResult.Run("plan", "--live", "--kubeconfig", server.KubeconfigPath);
        var explain = CliResult.Run("explain", "--hub", "seed-001/meta-marketing", "--user", "dana.newhire@acme.example", "--live", "--kubeconfig", server.KubeconfigPath);
        var report = CliResult.Run("report", "--live", "--kubeconfig", server.KubeconfigPath, "--format", "csv");
        output.WriteLine(table.Stdout);
        output.WriteLine(explain.Stdout);
        output.WriteLine(report.Stdout);

        Assert.True(live.ExitCode == 3, live.Stdout + live.Stderr);
        Assert.Equal(Changes(offline.Stdout), Changes(live.Stdout));
        Assert.Contains("Editor via team marketing-editors (TeamShare seed-001/marketing-editors)", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("seed-001/meta-marketing,alice.admin@acme.example,active,Admin,ADMIN,page/104729384756201 ADVERTISE+ANALYZE+MANAGE,", report.Stdout, StringComparison.Ordinal);
        Assert.Contains(",true,2026-03-02T09:15:00Z", report.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(meta.AccessToken, table.Stdout + explain.Stdout + report.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Action, user, from, to and reason of every change of every hub.</summary>
    private static List<string> Changes(string json) =>
        [.. JsonNode.Parse(json)!["hubs"]!.AsArray().SelectMany(h => h!["changes"]!.AsArray())
            .Select(c => $"{c!["action"]} {c["user"]} {c["from"]} {c["to"]} {c["reason"]}")];

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
