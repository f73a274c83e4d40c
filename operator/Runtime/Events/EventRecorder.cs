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
/// </summary>
internal sealed class EventRecorder(IKubernetes client, EventRecorderOptions options, TimeProvider time, ILogger<EventRecorder> logger, Objects.SecretRedactor? redactor = null)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
    private const int MaxAttempts = 3;
    private const int MaxNoteLength = 1024;

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
        Corev1Event? existing;
        try
        {
            existing = await client.CoreV1.ReadNamespacedEventAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            existing = null;
        }

        if (existing is null)
        {
            var created = new Corev1Event
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
            await client.CoreV1.CreateNamespacedEventAsync(created, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        existing.Count = (existing.Count ?? 1) + 1;
        existing.LastTimestamp = now;
        await client.CoreV1.ReplaceNamespacedEventAsync(existing, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
