using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Observability;
using Prometheus;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>
/// Sets the identity gauges from the cache each time Prometheus scrapes, so the sync age is current. One callback per
/// process (the registry is static and keeps callbacks forever): it reads the cache of the latest operator host.
/// </summary>
internal static class IdentityMetrics
{
    private static readonly Lock Gate = new();
    private static (IdentityCache Cache, TimeProvider Time)? _current;
    private static bool _registered;

    public static void Register(IdentityCache identity, TimeProvider time)
    {
        lock (Gate)
        {
            _current = (identity, time);
            if (!_registered)
            {
                Metrics.DefaultRegistry.AddBeforeCollectCallback(Collect);
                _registered = true;
            }
        }
    }

    private static void Collect()
    {
        if (_current is not var (identity, time))
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, state) in identity.All())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var (ns, name) = slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
            AccessMetrics.IdpStale.WithLabels(ns, name).Set(state.Stale || state.LastContact is null ? 1 : 0);
            if (state.LastContact is { } contact)
            {
                AccessMetrics.IdpSyncAge.WithLabels(ns, name).Set(Math.Max(0, (now - contact).TotalSeconds));
            }
        }
    }
}
