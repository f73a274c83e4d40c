using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Status writes with optimistic concurrency, and finalizers, against the wire-level API server.</summary>
public sealed class ObjectWritersIntegrationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_conflicting_status_write_is_retried_on_the_latest_version()
    {
        var stale = await _cluster.CreateAsync(TestCluster.Share("a"));
        await _cluster.PatchAsync("a", """{"metadata":{"labels":{"team":"social"}}}""");
        var writer = new StatusWriter(_cluster.Client, NullLogger<StatusWriter>.Instance);

        var written = await writer.UpdateAsync(stale, SetReady(grantedUsers: 3), CancellationToken.None);

        Assert.True(written);
        var stored = await _cluster.GetAsync("a");
        Assert.Equal(3, stored.Status!.GrantedUsers);
        Assert.Equal(ConditionStatus.True, Assert.Single(stored.Status.Conditions).Status);
        Assert.Equal("social", stored.Metadata.Labels["team"]);
        Assert.Equal(2, _cluster.Server.Requests.Count(r => r is { Verb: "update", Subresource: "status" }));
    }

    [Fact]
    public async Task An_unchanged_status_is_not_written_again()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        var writer = new StatusWriter(_cluster.Client, NullLogger<StatusWriter>.Instance);
        Assert.True(await writer.UpdateAsync(share, SetReady(grantedUsers: 3), CancellationToken.None));
        share = await _cluster.GetAsync("a");
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await writer.UpdateAsync(share, SetReady(grantedUsers: 3), CancellationToken.None));
        Assert.Equal(1, _cluster.Server.Requests.Count(r => r is { Verb: "update", Subresource: "status" }));
    }

    [Fact]
    public async Task Finalizer_add_and_remove_report_whether_they_changed_anything()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        var finalizers = new FinalizerWriter(_cluster.Client);

        Assert.True(await finalizers.AddAsync(share, Finalizers.Cleanup, CancellationToken.None));
        share = await _cluster.GetAsync("a");
        Assert.Equal([Finalizers.Cleanup], share.Metadata.Finalizers);
        Assert.False(await finalizers.AddAsync(share, Finalizers.Cleanup, CancellationToken.None));
        Assert.True(await finalizers.RemoveAsync(share, Finalizers.Cleanup));
        Assert.False(await finalizers.RemoveAsync(await _cluster.GetAsync("a"), Finalizers.Cleanup));
        Assert.Null((await _cluster.GetAsync("a")).Metadata.Finalizers?.FirstOrDefault());
    }

    [Fact]
    public async Task A_deleted_object_stays_until_its_cleanup_succeeded()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        var finalizers = new FinalizerWriter(_cluster.Client);
        await finalizers.AddAsync(share, Finalizers.Cleanup, CancellationToken.None);
        await _cluster.DeleteAsync("a");
        var deleting = await _cluster.GetAsync("a");
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => finalizers.CleanupThenRemoveAsync(
            deleting, Finalizers.Cleanup, _ => throw new InvalidOperationException("app unreachable"), CancellationToken.None));

        Assert.Equal("app unreachable", failure.Message);
        Assert.Equal([Finalizers.Cleanup], (await _cluster.GetAsync("a")).Metadata.Finalizers);

        var cleaned = false;
        Assert.True(await finalizers.CleanupThenRemoveAsync(deleting, Finalizers.Cleanup, _ =>
        {
            cleaned = true;
            return Task.CompletedTask;
        }, CancellationToken.None));

        Assert.True(cleaned);
        Assert.Null(await _cluster.FindAsync("a"));
    }

    [Fact]
    public async Task A_finalizer_is_not_added_to_an_object_being_deleted()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        var finalizers = new FinalizerWriter(_cluster.Client);
        await finalizers.AddAsync(share, "example.com/other", CancellationToken.None);
        await _cluster.DeleteAsync("a");

        Assert.False(await finalizers.AddAsync(await _cluster.GetAsync("a"), Finalizers.Cleanup, CancellationToken.None));
    }

    private Action<TeamShare> SetReady(int grantedUsers) => share =>
    {
        var status = share.Status ?? new TeamShareStatus();
        Conditions.Set(status.Conditions, "Ready", ConditionStatus.True, "Applied", "applied", share.Metadata.Generation ?? 0, _time);
        share.Status = status with { GrantedUsers = grantedUsers, ObservedGeneration = share.Metadata.Generation ?? 0 };
    };
}
