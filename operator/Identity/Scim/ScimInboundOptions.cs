namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// Limits and timing of the inbound SCIM endpoint. <see cref="ReloadInterval"/>: how often the leader checks the durable
/// store for pushes another replica accepted (one GET of the head Secret per scim IdentityProvider).
/// </summary>
/// <param name="FallbackInterval">How long <see cref="IIdentitySource.WaitForChangesAsync"/> waits when nothing is pushed.</param>
/// <param name="MaxBodyBytes">Larger request bodies are refused with 413.</param>
/// <param name="MaxResults">The most resources one list page returns (ServiceProviderConfig filter.maxResults).</param>
internal sealed record ScimInboundOptions(TimeSpan FallbackInterval, long MaxBodyBytes = 1 << 20, int MaxResults = 200)
{
    public static ScimInboundOptions Default { get; } = new(TimeSpan.FromSeconds(30));

    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(1);
}
