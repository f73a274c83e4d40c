namespace Cerby.Operator.Runtime.WorkQueues;

/// <summary>Rate limits of a <see cref="WorkQueue{TKey}"/>; the defaults are client-go's.</summary>
internal sealed record WorkQueueOptions
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);
    public const double DefaultTokensPerSecond = 10;
    public const int DefaultBurst = 100;

    /// <summary>The delay after a key's first failure; it doubles with every further failure.</summary>
    public TimeSpan BaseDelay { get; init; } = DefaultBaseDelay;

    /// <summary>The longest per-key delay.</summary>
    public TimeSpan MaxDelay { get; init; } = DefaultMaxDelay;

    /// <summary>Overall rate of rate-limited requeues (all keys together), in tokens per second.</summary>
    public double TokensPerSecond { get; init; } = DefaultTokensPerSecond;

    /// <summary>Rate-limited requeues allowed at once before the overall rate applies.</summary>
    public int Burst { get; init; } = DefaultBurst;
}
