using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>
/// kubectl's <c>create</c> commands for built-in kinds send protobuf (client-go's generated clients always do, and do not
/// fall back to JSON on 415): the commands the README and the chart's notes tell users to run.
/// </summary>
public sealed class KubectlBuiltInKindsTests : IAsyncLifetime
{
    private readonly string cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-kubectl-cache-{Guid.NewGuid():N}");
    private KubeApiServer.KubeApiServer server = null!;
    private Kubernetes client = null!;
    private Kubectl kubectl = null!;

    public async Task InitializeAsync()
    {
        server = await KubeApiServer.KubeApiServer.StartAsync();
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        kubectl = new Kubectl(server.KubeconfigPath, cacheDirectory);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
        if (Directory.Exists(cacheDirectory))
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Create_secret_generic_stores_the_literal_and_it_reads_back()
    {
        Assert.Contains("namespace/team-a created", (await kubectl.RunAsync("create", "namespace", "team-a")).Succeeded());

        var created = (await kubectl.RunAsync("-n", "team-a", "create", "secret", "generic", "okta-api-token",
            "--from-literal=apiToken=00a-literal-token", "--from-literal=empty=")).Succeeded();

        Assert.Contains("secret/okta-api-token created", created);
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("okta-api-token", "team-a");
        Assert.Equal("00a-literal-token", Encoding.UTF8.GetString(secret.Data["apiToken"]));
        Assert.Empty(secret.Data["empty"]);
        Assert.Equal("Opaque", secret.Type);
        Assert.Null(secret.Metadata.GenerateName);
        var json = (await kubectl.RunAsync("-n", "team-a", "get", "secret", "okta-api-token", "-o", "jsonpath={.data.apiToken}")).Succeeded();
        Assert.Equal(Convert.ToBase64String("00a-literal-token"u8.ToArray()), json);
    }

    [Fact]
    public async Task Create_configmap_and_serviceaccount_then_delete_with_protobuf_delete_options()
    {
        (await kubectl.RunAsync("create", "configmap", "settings", "--from-literal=mode=strict", "--from-literal=level=2")).Succeeded();
        (await kubectl.RunAsync("create", "serviceaccount", "robot")).Succeeded();

        var map = await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default");
        Assert.Equal(("strict", "2"), (map.Data["mode"], map.Data["level"]));
        Assert.NotNull(await client.CoreV1.ReadNamespacedServiceAccountAsync("robot", "default"));

        Assert.Contains("configmap \"settings\" deleted", (await kubectl.RunAsync("delete", "configmap", "settings")).Succeeded());
        Assert.Contains("NotFound", (await kubectl.RunAsync("get", "configmap", "settings")).Failed());
    }

    [Fact]
    public async Task A_protobuf_body_of_a_kind_the_server_cannot_decode_gets_415_with_a_Status()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        // "k8s\0", then a runtime.Unknown whose typeMeta names apps/v1 Deployment.
        byte[] typeMeta = [0x0a, 7, .. "apps/v1"u8, 0x12, 10, .. "Deployment"u8];
        byte[] body = [.. "k8s\0"u8, 0x0a, (byte)typeMeta.Length, .. typeMeta, 0x12, 0];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");

        using var response = await http.PostAsync("apis/apps/v1/namespaces/default/deployments", content);

        Assert.Equal(415, (int)response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("Status", "UnsupportedMediaType", 415), (status["kind"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_get_accepting_protobuf_or_json_is_answered_in_json()
    {
        (await kubectl.RunAsync("create", "configmap", "negotiated", "--from-literal=a=b")).Succeeded();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces/default/configmaps/negotiated");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.kubernetes.protobuf, application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("b", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["a"]!.GetValue<string>());
    }
}
