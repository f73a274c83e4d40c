namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// The uuids of the last events handled, so an event delivered again (the System Log is at-least-once, and a restart
/// polls an overlap) is handled once. Bounded: the oldest ids are forgotten first.
/// </summary>
internal sealed class RecentEventIds(int capacity = 20_000)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool Contains(string uuid) => _ids.Contains(uuid);

    public void Add(string uuid)
    {
        if (!_ids.Add(uuid))
        {
            return;
        }

        _order.Enqueue(uuid);
        if (_order.Count > capacity)
        {
            _ids.Remove(_order.Dequeue());
        }
    }
}
