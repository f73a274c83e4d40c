namespace Cerby.Emulators.Meta;

/// <summary>
/// Faults waiting for requests: each lets the first <c>skip</c> matching requests through, then applies to the next
/// <c>times</c> requests that match its method and path.
/// </summary>
internal sealed class MetaFaultPlan
{
    private readonly Lock gate = new();
    private readonly List<Pending> pending = [];

    /// <summary>
    /// Makes the next <paramref name="times"/> requests whose method is one of <paramref name="methods"/> (any when null) and whose
    /// path (without the version) contains <paramref name="pathContains"/> (any when null) fail with <paramref name="fault"/>,
    /// after letting <paramref name="skip"/> of them through.
    /// </summary>
    public void Inject(MetaFault fault, int times = 1, IReadOnlyCollection<string>? methods = null, string? pathContains = null, int skip = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        lock (gate)
        {
            pending.Add(new Pending(fault, methods, pathContains) { Skip = skip, Remaining = times });
        }
    }

    /// <summary>Drops every fault not yet used.</summary>
    public void Clear()
    {
        lock (gate)
        {
            pending.Clear();
        }
    }

    /// <summary>The fault for this request, if one is waiting; uses it up once.</summary>
    public MetaFault? Take(string method, string path)
    {
        lock (gate)
        {
            var match = pending.FirstOrDefault(p =>
                (p.Methods is null || p.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
                && (p.PathContains is null || path.Contains(p.PathContains, StringComparison.Ordinal)));
            if (match is null)
            {
                return null;
            }

            if (match.Skip > 0)
            {
                match.Skip--;
                return null;
            }

            if (--match.Remaining == 0)
            {
                pending.Remove(match);
            }

            return match.Fault;
        }
    }

    private sealed record Pending(MetaFault Fault, IReadOnlyCollection<string>? Methods, string? PathContains)
    {
        public int Skip { get; set; }

        public int Remaining { get; set; }
    }
}
