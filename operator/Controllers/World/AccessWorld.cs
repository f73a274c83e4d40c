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
/// The one <see cref="AccessModel"/> every reconciler reads: declared resources (informer caches) and identity (the
/// <see cref="IdentityCache"/>). A declared change marks it for rebuilding on next use; an identity change is applied
/// incrementally and tells <see cref="HubsAffected"/> exactly which hubs to plan again. Rebuilt at least every
/// <see cref="MaxAge"/> so staleness is judged against the current time. Thread-safe (one lock around the model).
/// </summary>
internal sealed class AccessWorld
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);
    private readonly Lock _lock = new();
    private readonly InformerSet _informers;
    private readonly IdentityCache _identity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private AccessModel? _model;
    private DateTimeOffset _builtAt;
    private bool _dirty = true;

    public AccessWorld(InformerSet informers, IdentityCache identity, TimeProvider time, ILogger<AccessWorld> logger)
    {
        (_informers, _identity, _time, _logger) = (informers, identity, time, logger);
        Watch<BusinessHub>();
        Watch<TeamShare>();
        Watch<IdpGroupBinding>();
        Watch<IdentityProvider>();
        _informers.Get<AccessReview>().Subscribe(_ => MarkDirty()); // its status lists what a due review denies, so any change counts
        identity.Changed += OnIdentityChanged;
    }

    /// <summary>Hub keys ("namespace/name") whose desired access may have changed because of an identity change.</summary>
    public event Action<IReadOnlyCollection<string>>? HubsAffected;

    /// <summary>Runs <paramref name="read"/> on a current model, under the lock (keep it short: no I/O).</summary>
    public T Read<T>(Func<AccessModel, T> read)
    {
        lock (_lock)
        {
            return read(Current());
        }
    }

    /// <summary>
    /// Like <see cref="Read{T}"/>, but a model marked for rebuilding is reused while it is younger than
    /// <paramref name="tolerance"/>: for readers that many objects call in a burst (every TeamShare's status while
    /// thousands are created), so the model is rebuilt once per window instead of once per object. Fresh is false when
    /// the answer may miss a recent declared change: the caller reads again after the tolerance.
    /// </summary>
    public (T Value, bool Fresh) ReadRecent<T>(Func<AccessModel, T> read, TimeSpan tolerance)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_model is not null && _dirty && now - _builtAt < tolerance)
            {
                return (read(_model), false);
            }

            return (read(Current()), true);
        }
    }

    private AccessModel Current()
    {
        var now = _time.GetUtcNow();
        if (_model is null || _dirty || now - _builtAt > MaxAge || now >= _model.NextChangeAt) // a share expired or a review fell due
        {
            var started = Stopwatch.GetTimestamp();
            _model = AccessModel.Build(DeclaredStateReader.Read(_informers), _identity.Snapshot(), now);
            (_builtAt, _dirty) = (now, false);
            _logger.AccessModelBuilt(_model.Hubs.Count, _model.Problems.Count, Stopwatch.GetElapsedTime(started));
        }

        return _model;
    }

    private void MarkDirty()
    {
        lock (_lock)
        {
            _dirty = true;
        }
    }

    private void OnIdentityChanged(IdentityDelta delta)
    {
        HashSet<string> hubs;
        lock (_lock)
        {
            // The snapshot a rebuild reads already holds the delta; applying it again is harmless and names the hubs.
            var model = Current();
            hubs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var user in delta.Users)
            {
                hubs.UnionWith(model.UpdateUser(delta.IdpKey, user));
            }

            foreach (var group in delta.Groups)
            {
                hubs.UnionWith(model.UpdateGroup(delta.IdpKey, group));
            }

            if (delta.AssignmentsChanged)
            {
                _dirty = true;
                hubs.UnionWith(_informers.Get<IdentityProvider>().Cache.List()
                    .Where(idp => ResourceKeys.Of(idp.Metadata) == delta.IdpKey && idp.Spec.AppIntegration is not null)
                    .Select(idp => ResourceKeys.Sibling(idp.Metadata, idp.Spec.AppIntegration!.HubRef.Name)));
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
                lock (_lock)
                {
                    _dirty = true;
                }
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
}
