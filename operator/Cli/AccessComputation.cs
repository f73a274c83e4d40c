using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// The one place the commands call the planner's entry points: desired access per hub from the declared state and the
/// identity snapshot, and a hub's plan against what its app has. <c>plan</c>, <c>explain</c> and <c>report</c> (offline
/// and live) all go through here, so they compute exactly what the operator would.
/// </summary>
internal sealed class AccessComputation
{
    private readonly AccessModel _model;
    private readonly Dictionary<string, DesiredAccess> _desired = new(StringComparer.Ordinal);

    private AccessComputation(AccessModel model) => _model = model;

    /// <summary>Validation problems of the declared state.</summary>
    public IReadOnlyList<ValidationProblem> Problems => _model.Problems;

    /// <summary>The hubs that can be planned (valid ones), by namespace/name, in order.</summary>
    public IReadOnlyList<string> HubKeys => [.. _model.Hubs.Keys.Order(StringComparer.Ordinal)];

    public static AccessComputation Of(DeclaredState declared, IdentitySnapshot identity, DateTimeOffset now) =>
        new(AccessModel.Build(declared, identity, now));

    /// <summary>Whether the hub can be planned.</summary>
    public bool Has(string hubKey) => _model.Hubs.ContainsKey(hubKey);

    /// <summary>The hub's roles, ranked, and policy.</summary>
    public HubModel Hub(string hubKey) => _model.Hubs[hubKey];

    /// <summary>Who should have access to the hub, with every grant; computed once.</summary>
    public DesiredAccess Desired(string hubKey)
    {
        if (!_desired.TryGetValue(hubKey, out var desired))
        {
            _desired[hubKey] = desired = _model.Desired(hubKey);
        }

        return desired;
    }

    /// <summary>The hub's plan against what its app has, with the hub's removal approval annotation.</summary>
    public AccessPlan Plan(BusinessHub hub, string hubKey, ActualAccess actual)
    {
        string? approved = null;
        hub.Metadata.Annotations?.TryGetValue(Annotations.ApproveRemovals, out approved);
        return AccessPlanner.Plan(Hub(hubKey), Desired(hubKey), actual, approved?.Trim());
    }
}
