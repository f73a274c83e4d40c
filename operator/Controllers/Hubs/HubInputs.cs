using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// Everything one sync of a hub decides from, gathered by <see cref="BusinessHubReconciler"/> before anything is decided
/// (cert-manager's "state of the world" input). Gathering stops at the first thing that is missing, so the later fields
/// are null when an earlier one failed: no Secret means no connection, no connection means no read of the app.
/// </summary>
/// <param name="Hub">The hub; null when it does not exist or is being deleted.</param>
/// <param name="HubKey">"namespace/name".</param>
/// <param name="Model">The hub as the access model knows it; null when its spec is invalid (see <paramref name="Problems"/>).</param>
/// <param name="Desired">Who should have access; null with <paramref name="Model"/>.</param>
/// <param name="Problems">The validator's problems with the hub's spec ("field: message").</param>
/// <param name="Shares">The hub's TeamShares as the cache holds them (their status says what they show now).</param>
/// <param name="Started">When the sync began (lastSyncTime when it succeeds).</param>
/// <param name="SecretMissing">The credentials Secret does not exist.</param>
/// <param name="ConnectionProblem">Why no connector could be built from the Secret (a missing key; never a value).</param>
/// <param name="ReadProblem">Why the app could not be read.</param>
/// <param name="Actual">The app as read, with the ledger's managed members marked; null when it was not read.</param>
/// <param name="Connection">The connector, for the act step.</param>
/// <param name="Ledger">The hub's ledger with its pending changes resolved against <paramref name="Actual"/>, for the act step.</param>
/// <param name="AppState">The app as the connector reads it (without the ledger's marks): what the hub keeps between syncs.</param>
/// <param name="FromKeptState">True when <paramref name="Actual"/> is the state the hub kept since its last full read (not read in full by this sync): it may be stale, so narrowing changes need a read of their members first.</param>
/// <param name="Confirmed">Members this sync read one by one (their state in <paramref name="Actual"/> is current).</param>
/// <param name="NextChange">When the hub's desired access next changes by itself (a share expires, a review falls due).</param>
internal sealed record HubInputs(
    BusinessHub? Hub,
    string HubKey,
    HubModel? Model = null,
    DesiredAccess? Desired = null,
    IReadOnlyList<string>? Problems = null,
    IReadOnlyList<TeamShare>? Shares = null,
    DateTimeOffset Started = default,
    bool SecretMissing = false,
    string? ConnectionProblem = null,
    ConnectorException? ReadProblem = null,
    ActualAccess? Actual = null,
    HubConnection? Connection = null,
    ManagedLedger? Ledger = null,
    ActualAccess? AppState = null,
    bool FromKeptState = false,
    IReadOnlySet<string>? Confirmed = null,
    DateTimeOffset? NextChange = null);
