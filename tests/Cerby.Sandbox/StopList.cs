namespace Cerby.Sandbox;

/// <summary>What to stop, in the reverse order it was started; a failing stop is reported and the rest still run.</summary>
internal sealed class StopList(string who)
{
    private readonly List<Func<ValueTask>> _stops = [];

    public void Add(Func<ValueTask> stop) => _stops.Add(stop);

    public void Add(IDisposable disposable) => _stops.Add(() =>
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    });

    public async ValueTask StopAllAsync()
    {
        for (var i = _stops.Count - 1; i >= 0; i--)
        {
            try
            {
                await _stops[i]();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException or ObjectDisposedException)
            {
                await Console.Error.WriteLineAsync($"{who}: while stopping: {ex.Message}");
            }
        }

        _stops.Clear();
    }
}
