using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>What a TikTok Business Center connector needs besides its HTTP client and token.</summary>
/// <param name="Hub">The hub's key, as <see cref="ActualAccess.Hub"/> names it.</param>
/// <param name="BusinessCenterId">The Business Center (<c>bc_id</c>), kept as a string: ids exceed 2^53.</param>
/// <param name="Assets">The ad accounts and catalogs whose members are read: the assets the hub's shares name.</param>
internal sealed record TikTokConnectorOptions(string Hub, string BusinessCenterId, IReadOnlyCollection<AssetRef> Assets)
{
    /// <summary>
    /// The hub roles' <c>assetTasks</c> lists. TikTok holds one asset role per asset, so a read reports it as the list of
    /// the first hub role that writes that role on that kind of asset: what the planner asked for reads back the same.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> RoleTasks { get; init; } = [];

    /// <summary>The <c>page_size</c> asked of <c>/bc/member/get/</c> (no maximum is documented).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The <c>page_size</c> asked of <c>/bc/asset/member/get/</c> (documented maximum 20).</summary>
    public int AssetMemberPageSize { get; init; } = 20;

    /// <summary>A list longer than this many pages is taken as a page loop.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>Attempts per request, the first included, for throttling (codes 40100, 40132, 61000) and transient failures.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff; each further retry waits twice as long (TikTok documents no Retry-After).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the backoff is jittered (it is, so that hubs throttled together do not retry together); off only where a test checks exact waits.</summary>
    public bool Jitter { get; init; } = true;
}
