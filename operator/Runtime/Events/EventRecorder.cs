using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Runtime.Events;

/// <summary>
/// Records core/v1 Events as client-go's record.EventRecorder does, aggregated: the first occurrence has
/// <c>count</c> 1 and <c>firstTimestamp</c> = <c>lastTimestamp</c>; a repeat of the same (object, reason, note, type)
/// bumps <c>count</c> and <c>lastTimestamp</c> on the same Event instead of creating another. kubectl describe sorts
/// events by <c>lastTimestamp</c> and shows "(xN over …)" from <c>count</c>; events.k8s.io/v1 refuses those fields on
/// create, so events written there would show in arbitrary order. Best effort: a failure is logged, never thrown, so an
/// event never fails a reconcile (only cancellation of the caller's token propagates). Notes pass through the
/// <see cref="Objects.SecretRedactor"/>: a peer's error text never carries a credential into an Event.
/// One Kubernetes request per event: a create the first time, a merge patch for a repeat it remembers
/// (<see cref="EventSeriesCache"/>); only an event another writer created costs a read.
/// </summary>
internal sealed class EventRecorder(IKubernetes client, EventRecorderOptions options, TimeProvider time, ILogger<EventRecorder> logger, Objects.SecretRedactor? redactor = null)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
    private const int MaxAttempts = 3;
    private const int MaxNoteLength = 1024;

    /// <summary>How many recent event series the recorder remembers (client-go's LRU holds 4096).</summary>
    private const int RememberedSeries = 4096;

    private readonly EventSeriesCache _series = new(RememberedSeries);

    public Task NormalAsync(IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken cancellationToken) =>
        RecordAsync(regarding, Normal, reason, action, note, cancellationToken);

    public Task WarningAsync(IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken cancellationToken) =>
        RecordAsync(regarding, Warning, reason, action, note, cancellationToken);

    public async Task RecordAsync(
        IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note, CancellationToken cancellationToken)
    {
        note = redactor?.Redact(note) ?? note;
        note = note.Length > MaxNoteLength ? note[..MaxNoteLength] : note;
        var name = EventNames.For(regarding, reason, note, type);
        var ns = string.IsNullOrEmpty(regarding.Metadata.NamespaceProperty) ? "default" : regarding.Metadata.NamespaceProperty;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await CreateOrCountAsync(regarding, ns, name, type, reason, action, note, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when ((KubernetesErrors.IsConflict(ex) || KubernetesErrors.IsNotFound(ex)) && attempt < MaxAttempts)
                {
                    // Someone else created, updated or removed the same event meanwhile: read it again.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.EventFailed(ex, reason, ResourceKey.Of(regarding));
        }
    }

    private async Task CreateOrCountAsync(
        IKubernetesObject<V1ObjectMeta> regarding, string ns, string name, string type, string reason, string action, string note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var key = ns + "/" + name;
        if (_series.TryGet(key, out var count))
        {
            // A repeat this recorder wrote before: one PATCH of the count and last timestamp, no read.
            try
            {
                var patch = new V1Patch(
                    $"{{\"count\":{count + 1},\"lastTimestamp\":\"{now:yyyy-MM-ddTHH:mm:ssZ}\"}}", V1Patch.PatchType.MergePatch);
                await client.CoreV1.PatchNamespacedEventAsync(patch, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                _series.Set(key, count + 1);
                return;
            }
            catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
            {
                _series.Forget(key); // expired (the API server's event TTL) or deleted: a new series starts
            }
        }

        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(NewEvent(regarding, ns, name, type, reason, action, note, now), ns, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            _series.Set(key, 1);
            return;
        }
        catch (Exception ex) when (KubernetesErrors.IsConflict(ex))
        {
            // Already there, written by another replica or before a restart: count it on the stored object.
        }

        var existing = await client.CoreV1.ReadNamespacedEventAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        existing.Count = (existing.Count ?? 1) + 1;
        existing.LastTimestamp = now;
        await client.CoreV1.ReplaceNamespacedEventAsync(existing, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        _series.Set(key, existing.Count.Value);
    }

    private Corev1Event NewEvent(
        IKubernetesObject<V1ObjectMeta> regarding, string ns, string name, string type, string reason, string action, string note, DateTime now) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = regarding.ApiVersion,
            Kind = regarding.Kind,
            NamespaceProperty = regarding.Metadata.NamespaceProperty,
            Name = regarding.Metadata.Name,
            Uid = regarding.Metadata.Uid,
            ResourceVersion = regarding.Metadata.ResourceVersion,
        },
        Reason = reason,
        Message = note,
        Type = type,
        Action = action,
        Source = new V1EventSource { Component = options.ReportingController, Host = options.ReportingInstance },
        ReportingComponent = options.ReportingController,
        ReportingInstance = options.ReportingInstance,
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
    };
}
