using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>What a Meta connector needs besides its HTTP client and token.</summary>
/// <param name="Hub">The hub's key, as <see cref="ActualAccess.Hub"/> names it.</param>
/// <param name="BusinessId">The Business Manager (business portfolio) id.</param>
/// <param name="Assets">The pages and ad accounts whose assigned users are read: the assets the hub's shares name.</param>
internal sealed record MetaConnectorOptions(string Hub, string BusinessId, IReadOnlyCollection<AssetRef> Assets)
{
    /// <summary>The <c>limit</c> asked of every list edge.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>A list longer than this many pages is taken as a page loop the cursors did not reveal.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>Attempts per request, the first included, for throttling and transient failures.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff; each further retry waits twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest single wait; when Meta says access returns later than this, the call fails as throttled at once.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether the backoff is jittered (it is, so that hubs throttled together do not retry together); off only where a test checks exact waits.</summary>
    public bool Jitter { get; init; } = true;
}
