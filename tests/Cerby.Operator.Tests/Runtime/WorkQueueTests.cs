using Cerby.Operator.Runtime.WorkQueues;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>The work queue: dedup, one worker per key, backoff, AddAfter, the token bucket, shutdown.</summary>
public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Add_collapses_a_burst_of_the_same_key_into_one_entry()
    {
        using var queue = NewQueue();
        for (var i = 0; i < 1000; i++)
        {
            queue.Add("a");
        }

        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal((true, "a"), await queue.GetAsync(CancellationToken.None));
        Assert.Equal((true, "b"), await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_waits_for_Done_and_then_runs_again()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (_, first) = await queue.GetAsync(CancellationToken.None);

        queue.Add("a");
        queue.Add("a");
        var second = queue.GetAsync(CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.Equal(0, queue.Count);
        queue.Done(first);
        Assert.Equal((true, "a"), await Eventually.Within(second));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Many_workers_never_process_the_same_key_at_once_and_every_add_is_seen()
    {
        using var queue = new WorkQueue<int>(new WorkQueueOptions(), TimeProvider.System);
        var running = new int[5];
        var overlaps = 0;
        var processed = 0;
        using var stop = new CancellationTokenSource();

        async Task WorkAsync()
        {
            while (await queue.GetAsync(CancellationToken.None) is (true, var key))
            {
                if (Interlocked.Increment(ref running[key]) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                Interlocked.Decrement(ref running[key]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(WorkAsync)).ToArray();
        for (var i = 0; i < 5000; i++)
        {
            queue.Add(i % 5);
        }

        await Eventually.TrueAsync(() => queue.Count == 0 && running.All(r => r == 0), "queue empty and idle");
        await queue.ShutDownAsync();
        await Eventually.Within(Task.WhenAll(workers));

        Assert.Equal(0, overlaps);
        Assert.InRange(processed, 5, 5000);
    }

    [Fact]
    public void AddAfter_waits_for_the_time_provider_and_the_earliest_delay_wins()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_backs_off_exponentially_per_key_up_to_the_cap_and_Forget_resets_it()
    {
        using var queue = NewQueue(new WorkQueueOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), TokensPerSecond = 1000, Burst = 1000 });

        foreach (var expected in new[] { 1, 2, 4, 5, 5 })
        {
            queue.AddRateLimited("a");
            _time.Advance(TimeSpan.FromSeconds(expected) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, queue.Count);
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, queue.Count);
            var (_, key) = await queue.GetAsync(CancellationToken.None);
            queue.Done(key);
        }

        Assert.Equal(5, queue.Failures("a"));
        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Backoff_of_one_key_does_not_delay_another()
    {
        using var queue = NewQueue(new WorkQueueOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromMinutes(1), TokensPerSecond = 1000, Burst = 1000 });
        for (var i = 0; i < 3; i++)
        {
            queue.AddRateLimited("slow");
            _time.Advance(TimeSpan.FromMinutes(1));
            var (_, key) = await queue.GetAsync(CancellationToken.None);
            queue.Done(key);
        }

        queue.AddRateLimited("slow");
        queue.AddRateLimited("fresh");
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((true, "fresh"), await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void The_overall_token_bucket_spaces_requeues_once_the_burst_is_spent()
    {
        using var queue = NewQueue(new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(1), TokensPerSecond = 1, Burst = 2 });
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            queue.AddRateLimited(key);
        }

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, queue.Count);
    }

    [Fact]
    public void TokenBucket_refills_at_its_rate_up_to_the_burst()
    {
        var bucket = new TokenBucket(2, 3, _time);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)],
            Enumerable.Range(0, 5).Select(_ => bucket.Reserve()).ToArray());
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Reserve());
    }

    [Fact]
    public async Task ShutDown_waits_for_keys_in_progress_and_then_stops_handing_out_keys()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        queue.AddAfter("c", TimeSpan.FromSeconds(1));
        var (_, a) = await queue.GetAsync(CancellationToken.None);
        var (_, b) = await queue.GetAsync(CancellationToken.None);

        var drained = queue.ShutDownAsync();

        queue.Done(a);
        Assert.False(drained.IsCompleted);
        queue.Done(b);
        await Eventually.Within(drained);
        Assert.Equal((false, null), await queue.GetAsync(CancellationToken.None));
        queue.Add("d");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_waiting_worker_is_released_by_shutdown()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync(CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        await queue.ShutDownAsync();
        Assert.False((await Eventually.Within(waiting)).Got);
    }

    private WorkQueue<string> NewQueue(WorkQueueOptions? options = null) => new(options ?? new WorkQueueOptions(), _time);
}
