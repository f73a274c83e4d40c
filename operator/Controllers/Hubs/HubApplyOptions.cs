namespace Cerby.Operator.Controllers.Hubs;

/// <summary>How a hub applies a plan.</summary>
/// <param name="WriteConcurrency">Changes of different users sent to one app at the same time, at most (for connectors whose users' writes are independent; the others send one at a time). The connectors' retry on throttling, and a throttled app stops the run.</param>
/// <param name="EventsPerSync">Change Events recorded one by one per sync; past it, one Event per reason names how many more there were.</param>
internal sealed record HubApplyOptions(int WriteConcurrency = HubApplyOptions.DefaultWriteConcurrency, int EventsPerSync = HubApplyOptions.DefaultEventsPerSync)
{
    public const int DefaultWriteConcurrency = 8;

    public const int DefaultEventsPerSync = 20;
}
