using Cerby.Operator.HttpEdge;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.HttpEdge;

/// <summary>The AIMD limit of one hub's writes: halves once per round of writes in flight, grows back one per round of successes, pauses everyone.</summary>
public sealed class AdaptiveConcurrencyTests
{
    [Fact]
    public async Task Throttles_of_one_round_halve_the_limit_once_and_successes_grow_it_back_to_the_ceiling()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limit = new AdaptiveConcurrency(time);
        limit.SetCeiling(8);
        var round = new List<AdaptiveConcurrency.Permit>();
        for (var i = 0; i < 8; i++)
        {
            round.Add(await limit.AcquireAsync(CancellationToken.None));
        }

        Assert.True(round[0].Throttled(TimeSpan.Zero));
        Assert.False(round[1].Throttled(TimeSpan.Zero));
        Assert.Equal(4, limit.Limit);
        round.ForEach(p => p.Dispose());
        time.Advance(AdaptiveConcurrency.DefaultPause);

        for (var i = 0; i < 4 + 5 + 6 + 7; i++)
        {
            using var permit = await limit.AcquireAsync(CancellationToken.None);
            permit.Succeeded();
        }

        Assert.Equal(8, limit.Limit);
    }

    [Fact]
    public async Task A_throttle_pauses_every_new_write_until_the_wait_the_app_asked_for()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limit = new AdaptiveConcurrency(time);
        limit.SetCeiling(4);
        using (var first = await limit.AcquireAsync(CancellationToken.None))
        {
            first.Throttled(TimeSpan.FromSeconds(5));
        }

        var next = limit.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        using var permit = await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, limit.Limit);
    }
}
