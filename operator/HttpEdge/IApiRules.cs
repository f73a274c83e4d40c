namespace Cerby.Operator.HttpEdge;

/// <summary>
/// One API's knowledge the edge plugs in: which answers are failures worth retrying and how long the API asked to wait
/// (its rate-limit headers, its throttling codes), and, for APIs that publish their budget, how to pace requests.
/// </summary>
internal interface IApiRules
{
    /// <summary>Reads an answer: a failure to retry, or null (the answer goes back to the caller as it is).</summary>
    ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>How long to hold the next request to <paramref name="target"/> back (a budget running low); zero by default.</summary>
    TimeSpan PauseBefore(Uri target, DateTimeOffset now) => TimeSpan.Zero;

    /// <summary>Sees every answer (to learn the remaining budget); nothing by default.</summary>
    void Observe(Uri target, HttpResponseMessage response, DateTimeOffset now)
    {
    }
}

/// <summary>The rules for an API with no rate-limit headers of its own: <see cref="EdgeFailure.FromStatus"/> (429, 408, 5xx, Retry-After).</summary>
internal sealed class StatusRules : IApiRules
{
    public static StatusRules Instance { get; } = new();

    public ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(EdgeFailure.FromStatus(response, now));
}
