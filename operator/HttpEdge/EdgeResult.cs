namespace Cerby.Operator.HttpEdge;

/// <summary>How one logical request ended.</summary>
internal enum EdgeEnd
{
    /// <summary>An answer that is not a failure to retry: read it as the API means it.</summary>
    Answered,

    /// <summary>Every attempt failed (or the total time ran out).</summary>
    Exhausted,

    /// <summary>The API asked for a wait longer than the policy allows; no more attempts were made.</summary>
    WaitTooLong,

    /// <summary>A write failed in a way that leaves open whether the API acted; it was not sent again.</summary>
    OutcomeUnknown,
}

/// <summary>The end of one logical request through the edge.</summary>
/// <param name="Response">The last answer: the good one, or the last failing one (the caller disposes it); null when the last attempt got none.</param>
/// <param name="Failure">The last attempt's failure; null when <paramref name="End"/> is <see cref="EdgeEnd.Answered"/>.</param>
/// <param name="End">How it ended.</param>
/// <param name="Attempts">Attempts made, the first included.</param>
internal sealed record EdgeResult(HttpResponseMessage? Response, EdgeFailure? Failure, EdgeEnd End, int Attempts);

/// <summary>One retry about to happen, for logs.</summary>
/// <param name="Target">The request's URI.</param>
/// <param name="Failure">What failed.</param>
/// <param name="Wait">The wait before the next attempt.</param>
/// <param name="Attempt">The attempt that failed, the first being 1.</param>
internal sealed record EdgeRetry(Uri Target, EdgeFailure Failure, TimeSpan Wait, int Attempt);
