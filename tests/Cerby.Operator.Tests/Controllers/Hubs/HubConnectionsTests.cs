using System.Text;
using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using k8s.Models;

namespace Cerby.Operator.Tests.Controllers.Hubs;

/// <summary>A hub's connection owns its HTTP client: replacing or forgetting the connection closes the old client.</summary>
public sealed class HubConnectionsTests
{
    private readonly HubConnections connections = new(TimeProvider.System);

    [Fact]
    public async Task A_connection_replaced_after_the_Secret_changed_closes_its_client_and_an_unchanged_one_is_kept()
    {
        var hub = Hub();
        var first = connections.Get(hub, "default/scim", Inputs("1"));
        var same = connections.Get(hub, "default/scim", Inputs("1"));
        var second = connections.Get(hub, "default/scim", Inputs("2"));

        Assert.Same(first, same);
        Assert.NotSame(first.Http, second.Http);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.Http!.GetAsync("Users"));
        Assert.False(IsDisposed(second.Http!));
    }

    [Fact]
    public async Task A_forgotten_connection_closes_its_client()
    {
        var connection = connections.Get(Hub(), "default/scim", Inputs("1"));

        connections.Forget("default/scim");

        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.Http!.GetAsync("Users"));
    }

    private static bool IsDisposed(HttpClient http)
    {
        try
        {
            http.CancelPendingRequests();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static BusinessHub Hub() => new()
    {
        Metadata = new V1ObjectMeta { Name = "scim", NamespaceProperty = "default" },
        Spec = new BusinessHubSpec
        {
            Connector = new HubConnector { Type = ConnectorType.Scim, BaseUrl = "http://127.0.0.1:9/scim/v2", CredentialsSecretRef = new() { Name = "scim" } },
            Roles = [new HubRole { Name = "member", NativeRole = "User" }],
        },
    };

    private static ConnectionInputs Inputs(string secretVersion) =>
        new(new SecretData(secretVersion, new Dictionary<string, byte[]> { [HubConnections.TokenKey] = Encoding.UTF8.GetBytes("t0ken") }), [], []);
}
