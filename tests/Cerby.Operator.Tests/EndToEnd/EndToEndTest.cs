using Cerby.Operator.Resources;
using k8s.Models;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>A fresh <see cref="OperatorSandbox"/> per test, and the checks the seed tests share.</summary>
[Collection(EndToEndCollection.Name)]
public abstract class EndToEndTest : IAsyncLifetime
{
    internal OperatorSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await OperatorSandbox.StartAsync();

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    internal static bool Synced(BusinessHub hub) => Is(hub, "Synced", ConditionStatus.True) && hub.Status!.ObservedGeneration == hub.Metadata.Generation;

    internal static bool Is(BusinessHub hub, string type, ConditionStatus status) =>
        hub.Status?.Conditions.Any(c => c.Type == type && c.Status == status) == true;

    internal static string Reason(BusinessHub hub, string type) => hub.Status?.Conditions.FirstOrDefault(c => c.Type == type)?.Reason ?? "";

    /// <summary>Whether an Event with that reason names every one of <paramref name="words"/>.</summary>
    internal static bool HasEvent(IEnumerable<Eventsv1Event> events, string reason, params string[] words) =>
        events.Any(e => e.Reason == reason && words.All(w => e.Note?.Contains(w, StringComparison.Ordinal) == true));

    internal async Task WaitForEventAsync(string ns, string reason, params string[] words) =>
        await Eventually.TrueAsync(async () => HasEvent(await Sandbox.EventsAsync(ns), reason, words),
            $"an Event {reason} naming {string.Join(", ", words)}", TimeSpan.FromSeconds(30));
}

/// <summary>End-to-end tests start processes and ports; they run one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end to end";
}
