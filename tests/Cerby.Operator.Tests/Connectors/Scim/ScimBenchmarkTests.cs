using System.Diagnostics;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>
/// The measure against the real scimmy server: read 10,000 users, then apply 1,000 changes. Prints calls and
/// time (figures are reported, not asserted); asserts only the read's completeness and the one-write-per-change rule.
/// It takes tens of seconds, nearly all of it in scimmy, which coerces every user it returns (about 0.5-2 ms a user
/// depending on the machine's load), so it runs only when CERBY_SCIM_BENCH=1.
/// </summary>
public abstract class ScimBenchmarkTests<TFixture>(TFixture peer, ITestOutputHelper output)
    where TFixture : ScimAppFixture
{
    private const int Users = 10_000;
    private const int Changes = 1_000;
    private const int PageSize = 1_000;

    [BenchmarkFact]
    public async Task Read_of_10000_users_and_1000_changes_prints_calls_and_time()
    {
        await peer.ResetAsync();
        await peer.SetCapabilitiesAsync(maxResults: PageSize);
        await peer.SeedManyAsync([.. Enumerable.Range(0, Users).Select(i => new PeerMember($"bench{i:00000}@example.com", "viewer", Managed: true))]);
        var connector = peer.CreateConnector(new InstantTimeProvider(), new ScimConnectorOptions("bench", peer.RoleMapping, peer.NativeRoles, [], PageSize));

        var requestsBefore = await RequestsAsync();
        var clock = Stopwatch.StartNew();
        var actual = await connector.ReadAsync(CancellationToken.None);
        var readTime = clock.Elapsed;
        var readCalls = await RequestsAsync() - requestsBefore;
        Assert.Equal(Users, actual.Members.Count);

        var members = actual.Members.Values.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        var changes = Enumerable.Range(0, Changes).Select(i => (i % 4) switch
        {
            0 => Change(AccessChangeKind.Add, $"new{i:0000}@example.com", "editor", null),
            1 => Change(AccessChangeKind.RaiseRole, members[i].Email, "admin", members[i].AppUserId),
            2 => Change(AccessChangeKind.Suspend, members[i].Email, null, members[i].AppUserId),
            _ => Change(AccessChangeKind.Remove, members[i].Email, null, members[i].AppUserId),
        }).ToList();

        var writesBefore = await peer.WritesAsync();
        requestsBefore = await RequestsAsync();
        clock.Restart();
        var maxWrites = 0;
        foreach (var change in changes)
        {
            var writes = await peer.WritesAsync();
            var result = await connector.ApplyAsync(change, CancellationToken.None);
            Assert.Equal(ApplyOutcome.Applied, result.Outcome);
            maxWrites = Math.Max(maxWrites, await peer.WritesAsync() - writes);
        }

        var applyTime = clock.Elapsed;
        var applyCalls = await RequestsAsync() - requestsBefore;
        var applyWrites = await peer.WritesAsync() - writesBefore;
        Assert.Equal(1, maxWrites);

        output.WriteLine($"role mapping {peer.RoleMapping}: read {Users} users: {readCalls} calls (page size {PageSize}), {readTime.TotalMilliseconds:0} ms");
        output.WriteLine($"apply {Changes} changes (250 each add, raise role, suspend, remove): {applyCalls} calls, {applyWrites} writes, at most {maxWrites} write per change, {applyTime.TotalMilliseconds:0} ms ({applyTime.TotalMilliseconds / Changes:0.0} ms per change)");
    }

    // SCIM requests the app served (its /admin switches are not counted).
    private async Task<int> RequestsAsync() => (await peer.RequestsAsync()).Total;

    private static AccessChange Change(AccessChangeKind kind, string email, string? nativeRole, string? appUserId) =>
        new(kind, email.ToLowerInvariant(), email, null, null, "benchmark", NativeRole: nativeRole, AppUserId: appUserId);
}

/// <summary>The benchmark with roles in the users' roles attribute.</summary>
public sealed class ScimRolesBenchmarkTests(ScimRolesFixture peer, ITestOutputHelper output)
    : ScimBenchmarkTests<ScimRolesFixture>(peer, output), IClassFixture<ScimRolesFixture>;

/// <summary>The benchmark with roles as SCIM group membership and /Bulk.</summary>
public sealed class ScimGroupsBenchmarkTests(ScimGroupsFixture peer, ITestOutputHelper output)
    : ScimBenchmarkTests<ScimGroupsFixture>(peer, output), IClassFixture<ScimGroupsFixture>;
