using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>
/// Writes status through the status subresource with optimistic concurrency: the change is applied to a private copy,
/// written only when the status JSON differs, and on 409 Conflict the object is read again and the change re-applied.
/// Any credential in the new status (a condition message quoting a peer's error) is replaced by the <see cref="SecretRedactor"/>'s mask.
/// </summary>
internal sealed class StatusWriter(IKubernetes client, ILogger<StatusWriter> logger, SecretRedactor? redactor = null)
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
            copy = Redacted(copy);
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

    private T Redacted<T>(T copy)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (redactor is not { Active: true })
        {
            return copy;
        }

        var json = KubernetesJson.Serialize(copy);
        var clean = redactor.Redact(json);
        return ReferenceEquals(clean, json) || clean == json ? copy : KubernetesJson.Deserialize<T>(clean);
    }
}
