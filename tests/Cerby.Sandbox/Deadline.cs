using System.Diagnostics;

namespace Cerby.Sandbox;

/// <summary>Waits on a condition until a deadline, polling; never a fixed sleep.</summary>
internal static class Deadline
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>True with the time it took once <paramref name="condition"/> holds; false with the time spent when the deadline passes first.</summary>
    public static async Task<(bool Reached, TimeSpan Took)> WaitAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition(cancellationToken))
            {
                return (true, clock.Elapsed);
            }

            if (clock.Elapsed > deadline)
            {
                return (false, clock.Elapsed);
            }

            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    /// <summary>Like <see cref="WaitAsync"/>, but a missed deadline throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan deadline, string what, CancellationToken cancellationToken)
    {
        var (reached, took) = await WaitAsync(condition, deadline, cancellationToken);
        return reached ? took : throw new TimeoutException($"{what}: not within {deadline.TotalSeconds:0} s");
    }
}
