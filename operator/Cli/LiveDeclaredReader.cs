using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Cli;

/// <summary>
/// The declared resources of a cluster (list calls only), with a pull request's manifests laid over them: a manifest
/// replaces the cluster object of the same kind/namespace/name, or adds one. Objects being deleted grant nothing and are
/// left out, as the operator does.
/// </summary>
internal static class LiveDeclaredReader
{
    public static async Task<DeclaredState> ReadAsync(IKubernetes client, ManifestSet overlay, CancellationToken cancellationToken)
    {
        var hubs = Overlay(await ListAsync<BusinessHub>(client, cancellationToken), overlay.Hubs.Select(h => h.Value));
        var shares = Overlay(await ListAsync<TeamShare>(client, cancellationToken), overlay.Shares.Select(s => s.Value));
        var bindings = Overlay(await ListAsync<IdpGroupBinding>(client, cancellationToken), overlay.Bindings.Select(b => b.Value));
        var idps = Overlay(await ListAsync<IdentityProvider>(client, cancellationToken), overlay.IdentityProviders.Select(i => i.Value));
        return new DeclaredState(hubs, shares, bindings, idps);
    }

    private static async Task<List<T>> ListAsync<T>(IKubernetes client, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ResourceList<T>>(
            EntityInfo<T>.Group, EntityInfo<T>.Version, EntityInfo<T>.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. (response.Body.Items ?? []).Where(o => o.Metadata.DeletionTimestamp is null)];
    }

    /// <summary>The cluster's objects in their order, each replaced by the manifest of the same key, then the manifests that are new.</summary>
    private static List<T> Overlay<T>(List<T> cluster, IEnumerable<T> manifests)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            byKey.TryAdd(ResourceKeys.Of(manifest.Metadata), manifest); // a duplicate is the validator's error to report
        }

        var result = cluster.Select(o => byKey.Remove(ResourceKeys.Of(o.Metadata), out var replacement) ? replacement : o).ToList();
        result.AddRange(manifests.Where(m => byKey.ContainsKey(ResourceKeys.Of(m.Metadata))).DistinctBy(m => ResourceKeys.Of(m.Metadata), StringComparer.Ordinal));
        return result;
    }
}
