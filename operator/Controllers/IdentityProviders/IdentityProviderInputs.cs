using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>Everything an IdentityProvider's reconcile decides from, gathered by <see cref="IdentityProviderReconciler"/>.</summary>
/// <param name="Idp">The IdentityProvider; null when it does not exist or is being deleted.</param>
/// <param name="IdpKey">"namespace/name".</param>
/// <param name="SecretMissing">Its credentials Secret does not exist.</param>
/// <param name="WatcherRunning">A watcher runs for exactly this spec and Secret version.</param>
/// <param name="State">What the identity cache holds of it; null before its first read.</param>
internal sealed record IdentityProviderInputs(IdentityProvider? Idp, string IdpKey, bool SecretMissing = false, bool WatcherRunning = false, IdpState? State = null);
