namespace Cerby.Operator.Tests;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): polls briefly until it holds or time runs out.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>As above, with a message built only on timeout (e.g. to show the last value seen).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"timed out waiting for: {what()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Awaits a task that must finish within the deadline.</summary>
    public static Task<T> Within<T>(Task<T> task, TimeSpan? deadline = null) => task.WaitAsync(deadline ?? DefaultDeadline);

    public static Task Within(Task task, TimeSpan? deadline = null) => task.WaitAsync(deadline ?? DefaultDeadline);
}
