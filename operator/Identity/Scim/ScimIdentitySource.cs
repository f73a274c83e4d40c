using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The operator's view of one IdentityProvider of type scim (on the leader): reads come from the replica's copy of
/// the store after bringing it up to the durable store's latest version (pushes any replica accepted), so a new
/// leader plans from everything pushed before it took over; polls return what changed since the last read or poll (by
/// store version); waits end when a push arrives here, when the durable store moved (checked every
/// <see cref="ScimEndpointOptions.ReloadInterval"/>), or after the fallback interval. When the durable store cannot be
/// read, reads and polls fail, so the watcher keeps the last-known membership, marked stale: nobody loses access.
/// </summary>
internal sealed class ScimIdentitySource(string idpKey, Func<ScimTenant?> tenants, TimeProvider time, ScimEndpointOptions options, ILogger logger) : IIdentitySource
{
    private long _seen;

    public async Task<IdentityRead> ReadAsync(IReadOnlyList<IdpGroupReference> boundGroups, CancellationToken cancellationToken)
    {
        var tenant = await CurrentAsync(cancellationToken);
        var snapshot = tenant.Store.Snapshot();
        _seen = snapshot.Version;
        var read = ScimDirectory.Read(idpKey, snapshot, boundGroups, time.GetUtcNow(), tenant.Persistence.IsDurable);
        logger.StoreRead(idpKey, read.Directory.Users.Count, read.Directory.Groups.Count, snapshot.Version);
        return read;
    }

    public async Task<IdentityUpdate> PollAsync(IdpDirectory current, CancellationToken cancellationToken)
    {
        var tenant = await CurrentAsync(cancellationToken);
        var snapshot = tenant.Store.Snapshot();
        var update = ScimDirectory.Changes(snapshot, _seen, current, time.GetUtcNow());
        logger.StorePolled(idpKey, update.Users.Count, update.Groups.Count, _seen, snapshot.Version);
        _seen = snapshot.Version;
        // The first push after an empty store makes users known: a full read (from memory) says so at once.
        return !current.UsersKnown && snapshot.Version > 0 ? update with { FullReadNeeded = true } : update;
    }

    public async Task WaitForChangesAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + options.FallbackInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = giveUpAt - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            var tenant = tenants();
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var tick = Task.Delay(tenant?.Persistence.IsDurable == true ? Min(remaining, options.ReloadInterval) : remaining, time, stop.Token);
                var changed = tenant?.Store.ChangedAfter(_seen) ?? Task.Delay(Timeout.InfiniteTimeSpan, time, stop.Token);
                await Task.WhenAny(changed, tick).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (changed.IsCompletedSuccessfully || tenant is null)
                {
                    return;
                }
            }

            if (tenant.Persistence.IsDurable)
            {
                try
                {
                    await tenant.Persistence.RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DurableStateException)
                {
                    return; // the poll reports it
                }

                if (tenant.Store.Version != _seen)
                {
                    return;
                }
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<ScimTenant> CurrentAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants() ?? throw new IdentitySourceException($"IdentityProvider {idpKey} is not served over SCIM (its credentials Secret was not read yet)");
        try
        {
            await tenant.Persistence.RefreshAsync(cancellationToken);
        }
        catch (DurableStateException e)
        {
            throw new IdentitySourceException($"the pushes of IdentityProvider {idpKey} could not be read: {e.Message}", e);
        }

        return tenant;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
