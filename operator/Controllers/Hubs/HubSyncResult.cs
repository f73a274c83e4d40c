using Cerby.Operator.Planning;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>Everything one sync of a hub learned, for its status and metrics.</summary>
/// <param name="Actual">The app as read at the start of the sync.</param>
/// <param name="Desired">Who should have access.</param>
/// <param name="Plan">The planner's answer.</param>
/// <param name="Applied">What applying did; null under dryRun.</param>
internal sealed record HubSyncResult(ActualAccess Actual, DesiredAccess Desired, AccessPlan Plan, ApplySummary? Applied, bool DryRun);
