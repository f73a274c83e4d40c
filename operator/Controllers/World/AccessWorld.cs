using System.Diagnostics;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Observability;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.World;

/// <summary>
/// Holds the one <see cref="AccessModel"/> snapshot every reconciler plans from: declared resources (informer caches)
/// and identity (the <see cref="IdentityCache"/>). Readers take the current snapshot without a lock and plan from it
/// while the next is made; writers (a rebuild, an identity change) make the next snapshot under one writer lock and
/// publish it with a single reference swap. A declared change marks the snapshot for rebuilding on next use; an
/// identity change is applied incrementally and tells <see cref="HubsAffected"/> exactly which hubs to plan again.
/// Rebuilt at least every <see cref="MaxAge"/> so staleness is judged against the current time.
/// </summary>
internal sealed class AccessWorld
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);
    private readonly Lock _writer = new();
    private readonly InformerSet _informers;
    private readonly IdentityCache _identity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Published? _current;
    private long _declaredVersion;

    public AccessWorld(InformerSet informers, IdentityCache identity, TimeProvider time, ILogger<AccessWorld> logger)
    {
        (_informers, _identity, _time, _logger) = (informers, identity, time, logger);
        Watch<BusinessHub>();
        Watch<TeamShare>();
        Watch<IdpGroupBinding>();
        Watch<IdentityProvider>();
        // A review's status holds the lines a due review denies (frozen at its due date): any change of it counts.
        _informers.Get<AccessReview>().Subscribe(_ => Interlocked.Increment(ref _declaredVersion));
        identity.Changed += OnIdentityChanged;
    }

    /// <summary>Hub keys ("namespace/name") whose desired access may have changed because of an identity change.</summary>
    public event Action<IReadOnlyCollection<string>>? HubsAffected;

    /// <summary>
    /// Share keys ("namespace/name") whose validation problems differ between two snapshots: what an invalid share shows
    /// (Ready=False InvalidShare) can change with another object (its hub's roles, its binding), or reach a share whose
    /// own reconcile read the snapshot before its change was counted.
    /// </summary>
    public event Action<IReadOnlyCollection<(string Key, bool InvalidNow)>>? ShareProblemsChanged;

    /// <summary>The current snapshot: read as much of it as needed, it never changes.</summary>
    public AccessModel Snapshot() => Current();

    /// <summary>Runs <paramref name="read"/> on the current snapshot (no lock is held: the snapshot never changes).</summary>
    public T Read<T>(Func<AccessModel, T> read) => read(Current());

    /// <summary>
    /// Like <see cref="Read{T}"/>, but a snapshot marked for rebuilding is reused while it is younger than
    /// <paramref name="tolerance"/>: for readers that many objects call in a burst (every TeamShare's status while
    /// thousands are created), so the model is rebuilt once per window instead of once per object. Fresh is false when
    /// the answer may miss a recent declared change: the caller reads again after the tolerance.
    /// </summary>
    public (T Value, bool Fresh) ReadRecent<T>(Func<AccessModel, T> read, TimeSpan tolerance)
    {
        var published = Volatile.Read(ref _current);
        if (published is not null && !IsCurrent(published) && _time.GetUtcNow() - published.BuiltAt < tolerance)
        {
            return (read(published.Model), false);
        }

        return (read(Current()), true);
    }

    private AccessModel Current()
    {
        var published = Volatile.Read(ref _current);
        if (published is not null && IsCurrent(published) && _time.GetUtcNow() - published.BuiltAt <= MaxAge)
        {
            return published.Model;
        }

        lock (_writer)
        {
            published = _current;
            if (published is null || !IsCurrent(published) || _time.GetUtcNow() - published.BuiltAt > MaxAge)
            {
                published = Rebuild();
            }

            return published.Model;
        }
    }

    private bool IsCurrent(Published published) =>
        !published.NeedsRebuild && DeclaredHolds(published, _time.GetUtcNow());

    /// <summary>Whether the published declared index still holds: nothing declared changed and no share expired or review fell due since.</summary>
    private bool DeclaredHolds(Published published, DateTimeOffset now) =>
        published.DeclaredVersion == Interlocked.Read(ref _declaredVersion) && !(now >= published.Model.NextChangeAt);

    /// <summary>Builds and publishes a new snapshot; the caller holds the writer lock.</summary>
    private Published Rebuild()
    {
        var now = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var version = Interlocked.Read(ref _declaredVersion); // read first: a declared change from here on marks it again
        var declared = _current is { } previous && previous.DeclaredVersion == version && !(now >= previous.Model.NextChangeAt)
            ? previous.Model.Declared // only time or app assignments moved on: the declared index still holds
            : DeclaredIndex.Build(DeclaredStateReader.Read(_informers), now);
        var model = AccessModel.Build(declared, _identity.Snapshot(), now);
        var published = new Published(model, now, version, NeedsRebuild: false);
        var previousModel = _current?.Model;
        Volatile.Write(ref _current, published);
        _logger.AccessModelBuilt(model.Hubs.Count, model.Problems.Count, Stopwatch.GetElapsedTime(started));
        if (previousModel is not null && !ReferenceEquals(previousModel.Problems, model.Problems))
        {
            var changed = ShareProblems.Changed(previousModel.Problems, model.Problems);
            if (changed.Count > 0)
            {
                var invalid = model.Problems.Where(p => p.Kind == TeamShare.KindName).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                ShareProblemsChanged?.Invoke([.. changed.Select(key => (key, invalid.Contains(key)))]); // enqueues only: safe under the writer lock
            }
        }

        return published;
    }

    private void OnIdentityChanged(IdentityDelta delta)
    {
        IReadOnlyCollection<string> hubs;
        lock (_writer)
        {
            // A snapshot built after the cache took the delta already holds it; applying it again is harmless and names
            // the hubs. A snapshot marked for rebuilding still takes it, so readers within the tolerance see it too.
            var published = _current ?? Rebuild();
            var change = delta.Change;
            (var model, hubs) = published.Model.Apply(change);
            Volatile.Write(ref _current, published with { Model = model, NeedsRebuild = published.NeedsRebuild || change.AssignmentsChanged });
            if (change.AssignmentsChanged)
            {
                hubs = [.. hubs.Union(_informers.Get<IdentityProvider>().Cache.List()
                    .Where(idp => ResourceKeys.Of(idp.Metadata) == delta.IdpKey && idp.Spec.AppIntegration is not null)
                    .Select(idp => ResourceKeys.Sibling(idp.Metadata, idp.Spec.AppIntegration!.HubRef.Name)), StringComparer.Ordinal)];
            }
        }

        if (hubs.Count > 0)
        {
            HubsAffected?.Invoke(hubs);
        }
    }

    private void Watch<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _informers.Get<T>().Subscribe(change =>
        {
            if (DeclaredChange(change))
            {
                Interlocked.Increment(ref _declaredVersion);
            }
        });
    }

    private static bool DeclaredChange<T>(InformerEvent<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        change is not { Type: InformerEventType.Updated, Previous: { } previous }
            ? true
            : !ReferenceEquals(previous, change.Object)
              && (previous.Metadata.Generation != change.Object.Metadata.Generation
                  || (previous.Metadata.DeletionTimestamp is null) != (change.Object.Metadata.DeletionTimestamp is null));

    /// <summary>A published snapshot: the model, when it was built, from which declared version, and whether it must be rebuilt.</summary>
    private sealed record Published(AccessModel Model, DateTimeOffset BuiltAt, long DeclaredVersion, bool NeedsRebuild);
}
