namespace Cerby.Operator.Bench.Scale;

/// <summary>Waits with deadlines on conditions and on counters that stop moving (polling every 200 ms; no fixed sleeps).</summary>
internal static class Quiet
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until <paramref name="condition"/> holds; false when <paramref name="deadline"/> passes first.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var end = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < end)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        return await condition();
    }

    /// <summary>Waits until <paramref name="counter"/> has not changed for <paramref name="quiet"/>; false when <paramref name="deadline"/> passes first.</summary>
    public static async Task<bool> SettledAsync(Func<Task<long>> counter, TimeSpan quiet, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var end = DateTime.UtcNow + deadline;
        var last = await counter();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < end)
        {
            await Task.Delay(Poll, cancellationToken);
            var now = await counter();
            if (now != last)
            {
                (last, since) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since >= quiet)
            {
                return true;
            }
        }

        return false;
    }
}
