namespace Cerby.Emulators.LinkedIn;

/// <summary>Faults the LinkedIn emulator can answer with instead of serving a request.</summary>
internal enum LinkedInFaultKind
{
    /// <summary>429 with <c>Retry-After</c> (a test device: LinkedIn documents no such header).</summary>
    Throttle,

    /// <summary>503 with LinkedIn's error body.</summary>
    ServerError,

    /// <summary>200 with a body cut off mid-JSON.</summary>
    MalformedJson,

    /// <summary>The finder ignores <c>start</c> and serves the first page again.</summary>
    PageLoop,

    /// <summary>The write is applied, then the connection is dropped before any answer (the outcome is unknown to the caller).</summary>
    ApplyThenDrop,
}

/// <summary>
/// Faults waiting for the next finder reads or writes (PUT, POST, DELETE; reads by key are never faulted): each lets <c>skip</c> matching requests
/// through, then applies to the next <c>times</c>.
/// </summary>
internal sealed class LinkedInFaults
{
    private readonly Lock gate = new();
    private readonly List<Pending> pending = [];

    /// <summary>Queues <paramref name="kind"/> for the next <paramref name="times"/> finder reads (or writes, when <paramref name="forReads"/> is false).</summary>
    public void Inject(LinkedInFaultKind kind, bool forReads, int times = 1, int skip = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (gate)
        {
            pending.Add(new Pending(kind, forReads) { Remaining = times, Skip = skip });
        }
    }

    /// <summary>The fault for this request, if one waits; used up once.</summary>
    public LinkedInFaultKind? Take(bool isFinderRead)
    {
        lock (gate)
        {
            var match = pending.FirstOrDefault(p => p.ForReads == isFinderRead);
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

            return match.Kind;
        }
    }

    /// <summary>Drops every waiting fault.</summary>
    public void Clear()
    {
        lock (gate)
        {
            pending.Clear();
        }
    }

    private sealed record Pending(LinkedInFaultKind Kind, bool ForReads)
    {
        public int Remaining { get; set; }

        public int Skip { get; set; }
    }
}
