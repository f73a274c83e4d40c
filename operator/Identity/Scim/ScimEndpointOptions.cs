namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// Limits and timing of the inbound SCIM endpoint. <see cref="ReloadInterval"/>: how often the leader checks the durable
/// store for pushes another replica accepted (one GET of the head Secret per scim IdentityProvider).
/// </summary>
/// <param name="FallbackInterval">How long <see cref="IIdentitySource.WaitForChangesAsync"/> waits when nothing is pushed.</param>
/// <param name="MaxBodyBytes">Larger request bodies are refused with 413.</param>
/// <param name="MaxResults">The most resources one list page returns (ServiceProviderConfig filter.maxResults).</param>
/// <param name="MaxUsers">The most users (deprovisioned ones included) one IdentityProvider may push: memory is bounded per tenant.</param>
/// <param name="MaxGroups">The most groups one IdentityProvider may push.</param>
/// <param name="MaxGroupMembers">The most members one pushed group may have.</param>
internal sealed record ScimEndpointOptions(
    TimeSpan FallbackInterval, long MaxBodyBytes = 1 << 20, int MaxResults = 200, int MaxUsers = 200_000, int MaxGroups = 50_000, int MaxGroupMembers = 200_000)
{
    public static ScimEndpointOptions Default { get; } = new(TimeSpan.FromSeconds(30));

    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(1);
}
