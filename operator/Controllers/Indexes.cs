using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Informers;

namespace Cerby.Operator.Controllers;

/// <summary>The informer cache indexes the controllers look things up by ("namespace/name" values).</summary>
internal static class Indexes
{
    /// <summary>TeamShares by the hub they share.</summary>
    public const string SharesByHub = "byHub";

    /// <summary>TeamShares by the team they share with (namespace/team).</summary>
    public const string SharesByTeam = "byTeam";

    /// <summary>IdpGroupBindings by their IdentityProvider.</summary>
    public const string BindingsByIdp = "byIdp";

    /// <summary>IdpGroupBindings by the team they feed (namespace/team).</summary>
    public const string BindingsByTeam = "byTeam";

    public static void Register(InformerSet informers)
    {
        var shares = informers.Get<TeamShare>();
        shares.AddIndex(SharesByHub, s => [ResourceKeys.Sibling(s.Metadata, s.Spec.HubRef.Name)]);
        shares.AddIndex(SharesByTeam, s => s.Spec.Subject.Team is { } team ? [ResourceKeys.Sibling(s.Metadata, team)] : []);
        var bindings = informers.Get<IdpGroupBinding>();
        bindings.AddIndex(BindingsByIdp, b => [ResourceKeys.Sibling(b.Metadata, b.Spec.IdentityProviderRef.Name)]);
        bindings.AddIndex(BindingsByTeam, b => [ResourceKeys.Sibling(b.Metadata, b.Spec.Team)]);
    }
}
