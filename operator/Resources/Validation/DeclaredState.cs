namespace Cerby.Operator.Resources.Validation;

/// <summary>Every cerby resource declared, as read from the cluster or from manifest files.</summary>
public sealed record DeclaredState(
    IReadOnlyList<BusinessHub> Hubs,
    IReadOnlyList<TeamShare> Shares,
    IReadOnlyList<IdpGroupBinding> Bindings,
    IReadOnlyList<IdentityProvider> IdentityProviders,
    IReadOnlyList<AccessReview>? Reviews = null)
{
    /// <summary>The AccessReviews (none when the source does not read them).</summary>
    public IReadOnlyList<AccessReview> AccessReviews => Reviews ?? [];
}
