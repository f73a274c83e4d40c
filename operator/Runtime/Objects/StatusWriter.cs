using Cerby.Operator.Observability;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>
/// Writes status through the status subresource with optimistic concurrency: the change is applied to a private copy,
/// written only when the status JSON differs, and on 409 Conflict the object is read again and the change re-applied.
/// </summary>
internal sealed class StatusWriter(IKubernetes client, ILogger<StatusWriter> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Applies <paramref name="setStatus"/> to a copy of <paramref name="item"/> (and, after a conflict, to a copy of the
    /// latest version) and writes the status when it changed; returns whether it wrote. <paramref name="setStatus"/> must
    /// derive the status from the object it gets, since it can run more than once.
    /// </summary>
    public async Task<bool> UpdateAsync<T>(T item, Action<T> setStatus, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resources = new ResourceClient<T>(client);
        var key = ResourceKey.Of(item);
        for (var attempt = 1; ; attempt++)
        {
            var copy = ObjectCopy.Deep(item);
            setStatus(copy);
            if (ObjectCopy.StatusJson(copy) == ObjectCopy.StatusJson(item))
            {
                return false;
            }

            try
            {
                await resources.ReplaceStatusAsync(copy, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (KubernetesErrors.IsConflict(ex) && attempt < MaxAttempts)
            {
                logger.StatusConflict(key);
                item = await resources.GetAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
