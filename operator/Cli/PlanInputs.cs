using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// Everything the commands plan from, whether read from files (snapshots) or from a cluster (live): the declared
/// resources, what the IdPs know, what each hub's app has, and what is unknown.
/// </summary>
/// <param name="Declared">The custom resources (with a pull request's manifests laid over the cluster's, live).</param>
/// <param name="Identity">Every IdentityProvider's directory that could be read.</param>
/// <param name="Apps">What each hub's app has, by hub key; a hub absent here was not given (offline) or is unknown (live).</param>
/// <param name="Unknown">Hubs whose app or IdP could not be read, with why: reported unknown, never as empty, their changes withheld.</param>
/// <param name="Since">Per hub, per user key: since when the operator has known the member (the hub's ledger).</param>
/// <param name="Warnings">What the input leaves unknown, for all hubs.</param>
/// <param name="Live">True when read from a cluster.</param>
internal sealed record PlanInputs(
    DeclaredState Declared,
    IdentitySnapshot Identity,
    IReadOnlyDictionary<string, ActualAccess> Apps,
    IReadOnlyDictionary<string, string> Unknown,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, DateTimeOffset>> Since,
    IReadOnlyList<string> Warnings,
    DateTimeOffset Now,
    bool Live)
{
    /// <summary>The BusinessHub of that key (the first declared, as the validator keeps it).</summary>
    public BusinessHub? HubOf(string hubKey) => Declared.Hubs.FirstOrDefault(h => ResourceKeys.Of(h.Metadata) == hubKey);

    /// <summary>The planner's view of these inputs.</summary>
    public AccessComputation Compute() => AccessComputation.Of(Declared, Identity, Now);
}
