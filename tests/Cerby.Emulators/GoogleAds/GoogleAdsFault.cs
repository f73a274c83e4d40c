namespace Cerby.Emulators.GoogleAds;

/// <summary>What an injected fault does to a request.</summary>
internal enum GoogleAdsFaultKind
{
    /// <summary>HTTP 429 RESOURCE_EXHAUSTED, quotaError RESOURCE_TEMPORARILY_EXHAUSTED, quotaErrorDetails.retryDelay.</summary>
    Quota,

    /// <summary>HTTP 503 UNAVAILABLE.</summary>
    Unavailable,

    /// <summary>HTTP 500 INTERNAL after the request was carried out (the answer is lost).</summary>
    LostAnswer,

    /// <summary>HTTP 200 with truncated JSON.</summary>
    MalformedJson,

    /// <summary>A search ignores the page token and serves the first page, with its nextPageToken, again.</summary>
    PageLoop,
}

/// <summary>A fault for the next requests whose path contains <see cref="PathContains"/>, after <see cref="Skip"/> of them pass.</summary>
internal sealed record GoogleAdsFault(GoogleAdsFaultKind Kind, string PathContains, TimeSpan RetryDelay = default)
{
    public int Skip { get; set; }

    public int Remaining { get; set; } = 1;
}

/// <summary>Faults waiting for requests, used up one request at a time.</summary>
internal sealed class GoogleAdsFaultPlan
{
    private readonly Lock gate = new();
    private readonly List<GoogleAdsFault> queued = [];

    /// <summary>Queues <paramref name="fault"/> for <paramref name="times"/> matching requests after <paramref name="skip"/>.</summary>
    public void Add(GoogleAdsFault fault, int times = 1, int skip = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        fault.Remaining = times;
        fault.Skip = skip;
        lock (gate)
        {
            queued.Add(fault);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            queued.Clear();
        }
    }

    /// <summary>The fault for a request to <paramref name="path"/>, if one is due.</summary>
    public GoogleAdsFault? Take(string path)
    {
        lock (gate)
        {
            var due = queued.Find(f => path.Contains(f.PathContains, StringComparison.Ordinal));
            if (due is null)
            {
                return null;
            }

            if (due.Skip-- > 0)
            {
                return null;
            }

            if (--due.Remaining <= 0)
            {
                queued.Remove(due);
            }

            return due;
        }
    }
}
