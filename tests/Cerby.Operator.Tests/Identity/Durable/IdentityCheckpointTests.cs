using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Identity.Entra;
using Cerby.Operator.Tests.Identity.Okta;
using Cerby.Operator.Tests.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Tests.Identity.Durable;

/// <summary>
/// A restarted or new leader resumes a polled IdP from the directory and cursor the last one saved (in the
/// IdentityProvider's Secrets): the Okta System Log cursor and the Entra delta links are reused, nothing is read in
/// full again, and a change made while no operator ran is still picked up.
/// </summary>
public sealed class IdentityCheckpointTests
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task After_a_restart_okta_polls_on_from_the_saved_system_log_cursor_without_reading_everything_again()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var okta = await OktaFixture.StartAsync();
        var idp = await CreateIdpAsync(cluster.Client, "okta", IdentityProviderType.Okta);
        var editors = okta.Org.CreateGroup("Editors");
        okta.Org.AddToGroup(editors, okta.Org.CreateUser("ann@acme.test"));
        IReadOnlyList<IdpGroupReference> bound = [new IdpGroupReference { DisplayName = "Editors" }];
        IIdentitySource Source() => new OktaIdentitySource(okta.Client, OktaFixture.IdpKey, null, TimeSpan.FromMilliseconds(200), TimeProvider.System, okta.Log);

        await RunLeaderUntilAsync(cluster.Client, idp, Source(), bound, OktaFixture.IdpKey, d => Members(d, "Editors").SequenceEqual(["ann@acme.test"]));
        var bob = okta.Org.CreateUser("bob@acme.test"); // while no operator runs
        okta.Org.AddToGroup(editors, bob);
        var before = okta.Emulator.Requests.Count;

        await RunLeaderUntilAsync(cluster.Client, idp, Source(), bound, OktaFixture.IdpKey, d => Members(d, "Editors").SequenceEqual(["ann@acme.test", "bob@acme.test"]));

        var after = okta.Emulator.Requests.Skip(before).ToList();
        Assert.True(after.Any(r => r.StartsWith("GET /api/v1/logs", StringComparison.Ordinal)), string.Join("\n", after));
        Assert.DoesNotContain(after, r => r.StartsWith("GET /api/v1/users?", StringComparison.Ordinal) || r.StartsWith("GET /api/v1/groups?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_restart_entra_polls_on_from_the_saved_delta_links_without_reading_everything_again()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var entra = await EntraFixture.StartAsync();
        var idp = await CreateIdpAsync(cluster.Client, "entra", IdentityProviderType.Entra);
        var engineers = entra.Tenant.CreateGroup("Engineers");
        entra.Tenant.AddMember(engineers, entra.Tenant.CreateUser("vera@acme.test"));
        var bound = EntraFixture.Named("Engineers");

        await RunLeaderUntilAsync(cluster.Client, idp, entra.Source(), bound, EntraFixture.IdpKey, d => Members(d, "Engineers").SequenceEqual(["vera@acme.test"]));
        entra.Tenant.AddMember(engineers, entra.Tenant.CreateUser("walt@acme.test"));
        var before = entra.Emulator.Requests.Count;

        await RunLeaderUntilAsync(cluster.Client, idp, entra.Source(), bound, EntraFixture.IdpKey, d => Members(d, "Engineers").SequenceEqual(["vera@acme.test", "walt@acme.test"]));

        var after = entra.Emulator.Requests.Skip(before).ToList();
        Assert.Contains(after, r => r.Contains("/users/delta", StringComparison.Ordinal) && r.Contains("deltatoken", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(after, r => r.Contains("/users?", StringComparison.Ordinal) || r.Contains("/groups?", StringComparison.Ordinal) || r.Contains("deltatoken=latest", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A leader's watcher (fresh cache, fresh store objects: a new process) until the directory satisfies the condition and is saved; then leadership ends.</summary>
    private static async Task RunLeaderUntilAsync(IKubernetes client, IdentityProvider idp, IIdentitySource source, IReadOnlyList<IdpGroupReference> bound, string idpKey, Func<IdpDirectory, bool> condition)
    {
        var cache = new IdentityCache();
        var watchers = new IdentityWatchers(cache, TimeProvider.System, NullLoggerFactory.Instance);
        using var leading = new CancellationTokenSource();
        var running = watchers.RunAsync(leading.Token);
        await Eventually.TrueAsync(async () => await watchers.StartAsync(idpKey, "fingerprint", source, () => bound, Resync, new IdentityCheckpointStore(new SecretIdentityState(client, idp))), "the watcher started");
        await Eventually.TrueAsync(() => cache.Get(idpKey) is { Problem: null } state && condition(state.Directory), "the directory holds the expected members", TimeSpan.FromSeconds(30));
        var saved = new IdentityCheckpointStore(new SecretIdentityState(client, idp));
        await Eventually.TrueAsync(async () => await saved.LoadAsync(CancellationToken.None) is { } checkpoint && condition(checkpoint.Directory),
            "the directory and cursor were saved", TimeSpan.FromSeconds(30));
        await leading.CancelAsync();
        await running;
    }

    private static IReadOnlyList<string> Members(IdpDirectory directory, string group) =>
        directory.Groups.Values.FirstOrDefault(g => g.DisplayName == group) is { State: MembershipState.Known } found
            ? [.. found.MemberIds.Select(id => directory.Users.GetValueOrDefault(id)?.Email ?? id).Order(StringComparer.Ordinal)]
            : [];

    internal static async Task<IdentityProvider> CreateIdpAsync(IKubernetes client, string name, IdentityProviderType type) =>
        (await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<IdentityProvider>(
            new IdentityProvider
            {
                ApiVersion = ApiGroup.ApiVersion,
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TestCluster.Namespace },
                Spec = new IdentityProviderSpec
                {
                    Type = type,
                    Okta = type == IdentityProviderType.Okta ? new OktaSettings { OrgUrl = "https://example.okta.com" } : null,
                    Entra = type == IdentityProviderType.Entra ? new EntraSettings { TenantId = "t", ClientId = "c" } : null,
                    CredentialsSecretRef = new SecretReference { Name = "credentials" },
                },
            },
            ApiGroup.Group, ApiGroup.Version, TestCluster.Namespace, IdentityProvider.Plural)).Body;
}
