using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Controllers.Bindings;

/// <summary>Everything a binding's status is decided from, gathered by <see cref="IdpGroupBindingReconciler"/>.</summary>
/// <param name="Binding">The binding; null when it does not exist or is being deleted.</param>
/// <param name="IdpKey">Its IdentityProvider ("namespace/name").</param>
/// <param name="IdpExists">Whether that IdentityProvider exists.</param>
/// <param name="State">What the identity cache holds of the IdentityProvider; null before its first read.</param>
internal sealed record IdpGroupBindingInputs(IdpGroupBinding? Binding, string IdpKey, bool IdpExists, IdpState? State);
