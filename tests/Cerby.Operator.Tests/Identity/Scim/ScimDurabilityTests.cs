using System.Diagnostics;
using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using Cerby.Operator.ScimProtocol;
using Cerby.Operator.Tests.Identity.Okta;
using Cerby.Operator.Tests.Runtime;
using Xunit.Abstractions;
using k8s;
using k8s.Models;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>
/// The durable SCIM store against the wire-level API server: replicas writing at the same time lose nothing and apply
/// nothing twice, a new process finds everything with the same ids, and the layout stays within Secret limits at
/// 100,000 users.
/// </summary>
public sealed class ScimDurabilityTests(ITestOutputHelper output)
{
    private const string IdpKey = TestCluster.Namespace + "/pushed";

    [Fact]
    public async Task Two_replicas_storing_pushes_at_the_same_time_lose_nothing_and_agree_on_ids_and_versions()
    {
        await using var cluster = await TestCluster.StartAsync();
        var idp = await CreateIdpAsync(cluster.Client);
        var (a, b) = (Replica(cluster.Client, idp), Replica(cluster.Client, idp));

        var creates = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).Persistence.MutateAsync(
            s => s.Create(ScimResourceKind.User, System.Text.Json.Nodes.JsonNode.Parse(OktaCreateUser($"u{i}@acme.test", "U", $"{i}", $"00u{i}"))).Id, CancellationToken.None));
        var ids = await Task.WhenAll(creates);

        await a.Persistence.RefreshAsync(CancellationToken.None);
        await b.Persistence.RefreshAsync(CancellationToken.None);
        var (fromA, fromB) = (a.Store.Snapshot(), b.Store.Snapshot());
        Assert.Equal(40, ids.Distinct().Count());
        Assert.Equal(40, fromA.Users.Count);
        Assert.Equal(ids.Order(), fromA.Users.Select(u => u.Id).Order());
        Assert.Equal(40, fromA.Version); // every push applied exactly once
        Assert.Equal(fromA.Users.Select(u => (u.Id, u.Version)), fromB.Users.Select(u => (u.Id, u.Version)));

        // A new process (nothing in memory) finds the same users under the same ids, and a duplicate is still refused.
        var restarted = Replica(cluster.Client, idp);
        await restarted.Persistence.RefreshAsync(CancellationToken.None);
        Assert.Equal(ids.Order(), restarted.Store.Snapshot().Users.Select(u => u.Id).Order());
        var duplicate = await Assert.ThrowsAsync<ScimException>(() => restarted.Persistence.MutateAsync(
            s => s.Create(ScimResourceKind.User, System.Text.Json.Nodes.JsonNode.Parse(OktaCreateUser("u3@acme.test", "U", "3", "00u3"))), CancellationToken.None));
        Assert.Equal(409, duplicate.Status);

        var secrets = (await cluster.Client.CoreV1.ListNamespacedSecretAsync(TestCluster.Namespace, labelSelector: SecretIdentityState.Label + "=true")).Items;
        Assert.All(secrets, s =>
        {
            Assert.Equal(SecretIdentityState.SecretType, s.Type);
            Assert.Equal(idp.Metadata.Uid, Assert.Single(s.Metadata.OwnerReferences).Uid);
        });
        Assert.Contains(secrets, s => s.Metadata.Name == "cerby-idp-pushed");
        Assert.DoesNotContain(secrets.SelectMany(s => s.Data.Values), bytes => System.Text.Encoding.UTF8.GetString(bytes).Contains("acme.test", StringComparison.Ordinal)); // compressed, not plain

        // The IdentityProvider owns them: deleting it deletes what it pushed.
        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, TestCluster.Namespace, IdentityProvider.Plural, "pushed");
        await Eventually.TrueAsync(async () => (await cluster.Client.CoreV1.ListNamespacedSecretAsync(TestCluster.Namespace, labelSelector: SecretIdentityState.Label + "=true")).Items.Count == 0,
            "the identity state Secrets went with their IdentityProvider");
    }

    [Fact]
    public void At_100000_users_every_bucket_fits_one_chunk_and_a_push_rewrites_one_bucket()
    {
        var store = new ScimStore(TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var users = new List<string>();
        for (var i = 0; i < 100_000; i++)
        {
            users.Add(store.Create(ScimResourceKind.User, System.Text.Json.Nodes.JsonNode.Parse(
                OktaCreateUser($"person.{i}@example-corp.com", $"Given{i}", $"Family{i}", $"00u{i:D17}"))).Id);
        }

        for (var g = 0; g < 1_000; g++)
        {
            var group = store.Create(ScimResourceKind.Group, System.Text.Json.Nodes.JsonNode.Parse(OktaCreateGroup($"Group {g}")));
            store.Patch(ScimResourceKind.Group, group.Id, System.Text.Json.Nodes.JsonNode.Parse(
                OktaGroupMembers([], Enumerable.Range(0, 100).Select(k => (users[(g * 100) + k], $"person.{(g * 100) + k}@example-corp.com")))), null);
        }

        var snapshot = store.Snapshot();
        var built = clock.Elapsed;
        clock.Restart();
        var userBuckets = ScimStoreImage.Buckets(snapshot.Users.Count, ScimStoreImage.UsersPerBucket, 1);
        var groupBuckets = ScimStoreImage.Buckets(ScimStoreImage.GroupWeight(snapshot.Groups), ScimStoreImage.GroupWeightPerBucket, 1);
        var userSizes = Sizes(snapshot.Users, userBuckets);
        var groupSizes = Sizes(snapshot.Groups, groupBuckets);
        var encoded = clock.Elapsed;
        var total = userSizes.Sum(s => s.Compressed) + groupSizes.Sum(s => s.Compressed);
        output.WriteLine($"100,000 users + 1,000 groups of 100 (built in {built.TotalSeconds:F1} s): users {userBuckets} buckets, groups {groupBuckets} buckets; "
            + $"raw {(userSizes.Sum(s => s.Raw) + groupSizes.Sum(s => s.Raw)) / 1e6:F1} MB, gzip {total / 1e6:F1} MB in {userSizes.Count + groupSizes.Count} chunk Secrets; "
            + $"largest bucket {userSizes.Concat(groupSizes).Max(s => s.Compressed) / 1e3:F0} KB gzip; encode + compress all {encoded.TotalSeconds:F1} s, "
            + $"one user bucket {userSizes.Average(s => s.Compressed) / 1e3:F0} KB");
        Assert.All(userSizes.Concat(groupSizes), s => Assert.True(s.Compressed < ChunkedSecretStore.MaxChunkBytes, $"a bucket of {s.Compressed} bytes needs more than one chunk"));
        Assert.True(total < 32_000_000, $"{total} bytes compressed");
    }

    private static List<(long Raw, long Compressed)> Sizes(IReadOnlyList<ScimStoredResource> resources, int buckets) =>
        [.. resources.GroupBy(r => ScimStoreImage.Bucket(r.Id, buckets)).Select(b =>
        {
            var raw = ScimStoreImage.Encode(b);
            return ((long)raw.Length, (long)ChunkedSecretStore.Compress(raw).Length);
        })];

    private static ScimTenant Replica(IKubernetes client, IdentityProvider idp) =>
        new ScimRegistry(TimeProvider.System, new CapturedLog()).Serve(IdpKey, "token", new SecretIdentityState(client, idp));

    private static async Task<IdentityProvider> CreateIdpAsync(IKubernetes client) =>
        (await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<IdentityProvider>(
            new IdentityProvider
            {
                ApiVersion = ApiGroup.ApiVersion,
                Metadata = new V1ObjectMeta { Name = "pushed", NamespaceProperty = TestCluster.Namespace },
                Spec = new IdentityProviderSpec { Type = IdentityProviderType.Scim, CredentialsSecretRef = new SecretReference { Name = "scim-push" } },
            },
            ApiGroup.Group, ApiGroup.Version, TestCluster.Namespace, IdentityProvider.Plural)).Body;
}

/// <summary>A scim IdentityProvider is known from its first push, not from the next full read (15 minutes later by default).</summary>
public sealed class ScimFirstPushTests
{
    [Fact]
    public async Task The_first_push_into_an_empty_store_makes_users_known_at_once()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var cache = new Cerby.Operator.Identity.Cache.IdentityCache();
        var watchers = new Cerby.Operator.Identity.Cache.IdentityWatchers(cache, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        using var leading = new CancellationTokenSource();
        var running = watchers.RunAsync(leading.Token);
        await Eventually.TrueAsync(async () => await watchers.StartAsync(ScimEndpointHost.IdpKey, "fp", host.Source, () => [], TimeSpan.FromMinutes(15)), "the watcher started");
        await Eventually.TrueAsync(() => cache.Get(ScimEndpointHost.IdpKey) is { LastFullRead: not null }, "the first read (nothing pushed)");
        Assert.False(cache.Get(ScimEndpointHost.IdpKey)!.Directory.UsersKnown);

        await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));

        await Eventually.TrueAsync(() => cache.Get(ScimEndpointHost.IdpKey) is { Problem: null, Directory.UsersKnown: true }, "users known from the first push", TimeSpan.FromSeconds(10));
        await leading.CancelAsync();
        await running;
    }
}
