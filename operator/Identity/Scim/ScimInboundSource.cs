using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The operator's view of one IdentityProvider of type scim: reads come from the in-memory store the IdP pushes to, so
/// they never fail; polls return what changed since the last read or poll (by store version); waits end when a push
/// arrives or after the fallback interval. The store is in memory: after an operator restart bound groups are Unknown
/// (nothing is removed) until the IdP pushes them again.
/// </summary>
internal sealed class ScimInboundSource(string idpKey, ScimInboundStore store, TimeProvider time, TimeSpan fallbackInterval, ILogger logger) : IIdentitySource
{
    private long _seen;

    public Task<IdentityRead> ReadAsync(IReadOnlyList<IdpGroupReference> boundGroups, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = store.Snapshot();
        _seen = snapshot.Version;
        var read = ScimInboundDirectory.Read(idpKey, snapshot, boundGroups, time.GetUtcNow());
        ScimInboundLog.Read(logger, idpKey, read.Directory.Users.Count, read.Directory.Groups.Count, snapshot.Version);
        return Task.FromResult(read);
    }

    public Task<IdentityUpdate> PollAsync(IdpDirectory current, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = store.Snapshot();
        var update = ScimInboundDirectory.Changes(snapshot, _seen, current, time.GetUtcNow());
        ScimInboundLog.Polled(logger, idpKey, update.Users.Count, update.Groups.Count, _seen, snapshot.Version);
        _seen = snapshot.Version;
        return Task.FromResult(update);
    }

    public async Task WaitForChangesAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fallback = Task.Delay(fallbackInterval, time, stop.Token);
        await Task.WhenAny(store.ChangedAfter(_seen), fallback).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
