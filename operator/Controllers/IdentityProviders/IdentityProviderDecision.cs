using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Controllers;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>What an IdentityProvider's reconcile does (<see cref="Decide"/>, pure).</summary>
/// <param name="Forget">It is gone: stop its watcher and forget what is known of it.</param>
/// <param name="StartWatcher">(Re)start its watcher (its spec or Secret changed, or none runs); then decide again with the new state.</param>
/// <param name="NotReady">Why nothing new can be learnt (the watcher is stopped and what is known is kept, marked stale); null otherwise.</param>
/// <param name="Events">Events to record on it (for <paramref name="StartWatcher"/>: once the watcher started).</param>
/// <param name="Status">The status to write; null when it is gone.</param>
internal sealed record IdentityProviderDecision(
    bool Forget,
    bool StartWatcher,
    string? NotReady,
    IReadOnlyList<EventToRecord> Events,
    IdentityProviderStatus? Status,
    ReconcileResult Result)
{
    /// <summary>How soon an IdentityProvider without usable credentials or configuration is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>How soon a watcher that could not start (leadership starting or ending) is tried again.</summary>
    public static readonly TimeSpan StartAgainAfter = TimeSpan.FromSeconds(1);

    public static IdentityProviderDecision Decide(IdentityProviderInputs inputs, DateTimeOffset now)
    {
        if (inputs.Idp is not { } idp)
        {
            return new(true, false, null, [], null, ReconcileResult.Success);
        }

        if (inputs.SecretMissing)
        {
            var ns = idp.Metadata.NamespaceProperty ?? "";
            return Unusable(idp, ConditionReasons.CredentialsMissing, $"Secret {ns}/{idp.Spec.CredentialsSecretRef.Name} does not exist", now);
        }

        var status = IdentityProviderStatusBuilder.From(idp, inputs.State, now);
        return inputs.WatcherRunning
            ? new(false, false, null, [], status, ReconcileResult.Success)
            : new(false, true, null, [EventToRecord.Normal(EventReasons.WatchStarted, "Watch", $"reading {idp.Spec.Type} identity provider {inputs.IdpKey}")], status, ReconcileResult.Success);
    }

    /// <summary>Without credentials or a usable configuration nothing new can be learnt: what is known stays, marked stale, so nobody loses access.</summary>
    public static IdentityProviderDecision Unusable(IdentityProvider idp, string reason, string message, DateTimeOffset now) =>
        new(false, false, message, [EventToRecord.Warn(reason, "Watch", message)], IdentityProviderStatusBuilder.NotReady(idp, reason, message, now), ReconcileResult.RequeueAfter(RetryAfter));
}
