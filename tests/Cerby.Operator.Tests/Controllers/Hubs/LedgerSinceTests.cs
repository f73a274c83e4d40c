using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Planning;
using Cerby.Operator.Tests.Runtime;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.Controllers.Hubs;

/// <summary>
/// Issue 17 (report): the hub ledger records since when the operator has known each member, for every hub, in a key
/// older ledgers lack (they read as "not recorded yet"), and only writes when a member appears or leaves.
/// </summary>
public sealed class LedgerSinceTests : IAsyncLifetime
{
    private const string HubName = "hub";
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);
    private TestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task A_member_first_seen_justified_keeps_that_moment_across_syncs_until_they_leave_the_app()
    {
        var hub = await CreateHubAsync();
        var ledger = await LoadAsync();
        ledger.Observe(["alice@acme.test", "uma@acme.test"], ["alice@acme.test", "dana@acme.test"], Monday);
        await ledger.SaveAsync(hub, CancellationToken.None);

        var later = await LoadAsync();
        later.Observe(["alice@acme.test", "uma@acme.test"], ["alice@acme.test"], Monday.AddDays(3));
        Assert.False(later.Changed); // nothing appeared or left: no write
        Assert.Equal(Monday, later.Since["alice@acme.test"]);
        Assert.False(later.Since.ContainsKey("uma@acme.test")); // in the app but unjustified (drift): not "known"
        Assert.False(later.Since.ContainsKey("dana@acme.test")); // justified but not in the app yet

        later.Observe(["uma@acme.test"], [], Monday.AddDays(4));
        await later.SaveAsync(hub, CancellationToken.None);
        Assert.Empty((await LoadAsync()).Since);
    }

    [Fact]
    public void A_ledger_written_before_since_existed_reads_with_no_since_and_since_never_crowds_out_members()
    {
        var old = new V1ConfigMap { Data = new Dictionary<string, string> { ["members"] = "a@example.com\nb@example.com" } };
        var read = LedgerFormat.Read(old);
        Assert.Equal(2, read.Members.Count);
        Assert.Empty(read.Since);

        var state = new LedgerState();
        for (var i = 0; i < 40_000; i++)
        {
            var user = $"user.{i:D6}.{(i * 7919) % 100_003}@example.com";
            state.Members.Add(user);
            state.Since[user] = Monday.AddHours(i / 10_000); // most members are first seen on a handful of syncs
        }

        var map = new V1ConfigMap();
        LedgerFormat.Write(state, map);

        var bytes = (map.Data?.Values.Sum(v => v.Length) ?? 0) + (map.BinaryData?.Values.Sum(v => v.Length) ?? 0);
        Assert.True(bytes < 1024 * 1024, $"{bytes} bytes");
        var back = LedgerFormat.Read(map);
        Assert.Equal(40_000, back.Since.Count);
        Assert.Equal(Monday.AddHours(3), back.Since["user.039999." + (39_999 * 7919 % 100_003) + "@example.com"]);

        // 100,000 members whose first-seen times all differ: the members are kept whole; since gives way.
        for (var i = 40_000; i < 100_000; i++)
        {
            state.Members.Add($"user.{i:D6}.{(i * 7919) % 100_003}@example.com");
        }

        var n = 0L;
        foreach (var user in state.Members)
        {
            state.Since[user] = Monday.AddMilliseconds(n++ * 7_777L);
        }

        var worst = new V1ConfigMap();
        LedgerFormat.Write(state, worst);
        Assert.Equal(100_000, LedgerFormat.Read(worst).Members.Count);
    }

    private Task<ManagedLedger> LoadAsync() => ManagedLedger.LoadAsync(cluster.Client, TestCluster.Namespace, HubName, CancellationToken.None, keepsMembers: false);

    private async Task<BusinessHub> CreateHubAsync()
    {
        var hub = new BusinessHub
        {
            Metadata = new V1ObjectMeta { Name = HubName, NamespaceProperty = TestCluster.Namespace },
            Spec = new BusinessHubSpec
            {
                Connector = new HubConnector { Type = ConnectorType.Scim, BaseUrl = "https://scim.example.test", CredentialsSecretRef = new() { Name = "scim" } },
                Roles = [.. PlanningWorld.DefaultRoles],
            },
        };
        return (await cluster.Client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<BusinessHub>(
            hub, ApiGroup.Group, ApiGroup.Version, TestCluster.Namespace, BusinessHub.Plural)).Body;
    }
}
