using System.Text.Json.Nodes;

namespace Cerby.Sandbox;

/// <summary>
/// The Kubernetes Events of the sandbox namespace, read with <c>kubectl get events -o json</c>; each call returns only
/// the Events not returned before, oldest first, as "Reason Kind/name: message".
/// </summary>
internal sealed class EventFeed(KubectlRunner kubectl, string ns)
{
    private readonly HashSet<string> _seen = [];

    public async Task<IReadOnlyList<string>> NewEventsAsync(CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await kubectl.RunAsync(["get", "events", "-n", ns, "-o", "json"], cancellationToken: cancellationToken))!;
        var fresh = new List<(string When, string Line)>();
        foreach (var item in list["items"]?.AsArray() ?? [])
        {
            var uid = item!["metadata"]?["uid"]?.GetValue<string>() ?? "";
            var count = item["count"]?.GetValue<int>() ?? 1;
            if (!_seen.Add($"{uid}#{count}"))
            {
                continue;
            }

            var when = item["eventTime"]?.GetValue<string>() ?? item["lastTimestamp"]?.GetValue<string>() ?? item["metadata"]?["creationTimestamp"]?.GetValue<string>() ?? "";
            var regarding = item["involvedObject"];
            fresh.Add((when, $"{item["reason"]?.GetValue<string>(),-18} {regarding?["kind"]?.GetValue<string>()}/{regarding?["name"]?.GetValue<string>()}: {item["message"]?.GetValue<string>()}"));
        }

        return [.. fresh.OrderBy(e => e.When, StringComparer.Ordinal).Select(e => e.Line)];
    }
}
