using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Controllers;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>How a sync that planned ends, once its changes were applied (<see cref="BusinessHubDecision.Report"/>).</summary>
/// <param name="Sync">What the sync learned, for the metrics.</param>
/// <param name="LastSync">The time the hub's lastSync gauge shows; null when changes failed.</param>
internal sealed record HubReport(BusinessHubStatus Status, ReconcileResult Result, HubSyncResult Sync, DateTimeOffset? LastSync);
