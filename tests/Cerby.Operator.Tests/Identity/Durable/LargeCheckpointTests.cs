using System.Security.Cryptography;
using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Runtime;
using k8s;

namespace Cerby.Operator.Tests.Identity.Durable;

/// <summary>
/// A directory too large for one Secret is saved across several chunk Secrets (streamed through the compressor, never
/// held whole) and a new leader loads every user back, profile included.
/// </summary>
public sealed class LargeCheckpointTests
{
    [Fact]
    public async Task A_directory_larger_than_one_chunk_is_saved_in_several_secrets_and_loads_back_whole()
    {
        await using var cluster = await TestCluster.StartAsync();
        var idp = await IdentityCheckpointTests.CreateIdpAsync(cluster.Client, "okta-large", IdentityProviderType.Okta);

        // Random profile values do not compress: 20,000 users make several chunks of compressed bytes.
        var users = Enumerable.Range(0, 20_000).Select(i => new IdpUser($"00u{i:x6}", $"user{i}@acme.test", UserLifecycle.Active,
                new Dictionary<string, string> { ["costCenter"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)) }))
            .ToDictionary(u => u.Id, StringComparer.Ordinal);
        var group = new IdpGroup("00g1", "Everyone", MembershipState.Known, [.. users.Keys], DateTimeOffset.UnixEpoch);
        var directory = new IdpDirectory("okta-large", true, users, new Dictionary<string, IdpGroup> { [group.Id] = group }, true, []);
        var saved = new IdentityCheckpoint("fp", directory, [], DateTimeOffset.UnixEpoch.AddDays(1), "cursor-1");

        await new IdentityCheckpointStore(new SecretIdentityState(cluster.Client, idp)).SaveAsync(saved, CancellationToken.None);
        var loaded = await new IdentityCheckpointStore(new SecretIdentityState(cluster.Client, idp)).LoadAsync(CancellationToken.None);

        var secrets = await cluster.Client.CoreV1.ListNamespacedSecretAsync(TestCluster.Namespace, labelSelector: $"{SecretIdentityState.Label}=true");
        Assert.True(secrets.Items.Count >= 3, $"expected a head and at least two chunks, found {secrets.Items.Count} Secrets");
        Assert.All(secrets.Items, s => Assert.True(s.Data.Values.Sum(v => v.Length) <= 1024 * 1024, $"Secret {s.Metadata.Name} exceeds 1 MiB"));
        Assert.NotNull(loaded);
        Assert.Equal("cursor-1", loaded.Cursor);
        Assert.Equal(users.Count, loaded.Directory.Users.Count);
        Assert.All(users.Values, u => Assert.Equal(u.Profile["costCenter"], loaded.Directory.Users[u.Id].Profile["costCenter"]));
        Assert.Equal(group.MemberIds, loaded.Directory.Groups["00g1"].MemberIds);
        // Loaded as a read makes them: one string per attribute name, whatever the number of users.
        Assert.Same(loaded.Directory.Users["00u000001"].Profile.Keys.Single(), loaded.Directory.Users["00u000002"].Profile.Keys.Single());
    }
}
