namespace Cerby.Emulators.GitHub;

/// <summary>Faults the GitHub emulator can answer with.</summary>
internal enum GitHubFaultKind
{
    /// <summary>429 with <c>retry-after</c> and a message naming the secondary rate limit.</summary>
    SecondaryLimit,

    /// <summary>403 with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c> some seconds ahead.</summary>
    PrimaryLimit,

    /// <summary>403 naming the secondary limit, without retry-after.</summary>
    SecondaryLimitNoRetryAfter,

    /// <summary>A 5xx status.</summary>
    ServerError,

    /// <summary>200 with JSON cut off.</summary>
    MalformedJson,

    /// <summary>Serves page 1 whatever page was asked.</summary>
    PageLoop,
}

/// <summary>
/// A fault armed for requests with one of <paramref name="Methods"/> whose path ends with <paramref name="PathEnd"/>;
/// with <paramref name="LaterPagesOnly"/> only for pages after the first (a <c>page</c> query above 1).
/// </summary>
internal sealed record GitHubFault(GitHubFaultKind Kind, int Seconds, IReadOnlyList<string> Methods, string? PathEnd, bool LaterPagesOnly)
{
    public int Skip { get; set; }

    public int Times { get; set; }
}

/// <summary>Armed faults, taken by the requests they match in order.</summary>
internal sealed class GitHubFaults
{
    private readonly Lock gate = new();
    private readonly List<GitHubFault> armed = [];

    public void Inject(GitHubFaultKind kind, int times, IReadOnlyList<string> methods, string? pathEnd = null, int skip = 0, int seconds = 1, bool laterPagesOnly = false)
    {
        lock (gate)
        {
            armed.Add(new GitHubFault(kind, seconds, methods, pathEnd, laterPagesOnly) { Skip = skip, Times = times });
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            armed.Clear();
        }
    }

    /// <summary>The fault this request gets, if any.</summary>
    public GitHubFault? Take(string method, string path, int page)
    {
        lock (gate)
        {
            var fault = armed.FirstOrDefault(f => f.Methods.Contains(method, StringComparer.OrdinalIgnoreCase)
                && (f.PathEnd is null || path.EndsWith(f.PathEnd, StringComparison.Ordinal)) && (!f.LaterPagesOnly || page > 1));
            if (fault is null)
            {
                return null;
            }

            if (fault.Skip > 0)
            {
                fault.Skip--;
                return null;
            }

            if (--fault.Times <= 0)
            {
                armed.Remove(fault);
            }

            return fault;
        }
    }
}
