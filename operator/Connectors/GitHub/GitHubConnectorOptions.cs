using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>What a GitHub connector needs besides its HTTP client.</summary>
/// <param name="Hub">The hub's key, as <see cref="ActualAccess.Hub"/> names it.</param>
/// <param name="Organization">The organization's login, e.g. "acme".</param>
/// <param name="Logins">How IdP emails and GitHub logins map onto each other.</param>
/// <param name="Teams">The teams (slugs) whose memberships are read: the assets the hub's shares name.</param>
internal sealed record GitHubConnectorOptions(string Hub, string Organization, GitHubLogins Logins, IReadOnlyCollection<AssetRef> Teams)
{
    /// <summary>The <c>per_page</c> asked of every list (GitHub caps it at 100).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>A list longer than this many pages is taken as a page loop.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff when GitHub names no wait; each further retry waits twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait; a primary limit resetting later than this fails the call as throttled at once.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether the backoff is jittered (it is, so that hubs throttled together do not retry together); off only where a test checks exact waits.</summary>
    public bool Jitter { get; init; } = true;
}
