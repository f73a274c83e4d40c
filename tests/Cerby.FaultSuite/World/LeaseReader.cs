using System.Text.Json.Nodes;

namespace Cerby.FaultSuite.World;

/// <summary>Reads the operator's Lease (default/cerby-operator-leader) straight from the API server: who holds it.</summary>
internal sealed class LeaseReader(Uri apiServer) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = apiServer, Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The holder's identity (pod name, '_', a per-process suffix), or null when nobody holds it.</summary>
    public async Task<string?> HolderAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("/apis/coordination.k8s.io/v1/namespaces/default/leases/cerby-operator-leader", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var lease = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return lease?["spec"]?["holderIdentity"]?.GetValue<string>() is { Length: > 0 } holder ? holder : null;
    }

    /// <summary>The pod name part of the holder's identity.</summary>
    public async Task<string?> HolderPodAsync(CancellationToken cancellationToken) =>
        await HolderAsync(cancellationToken) is { } holder ? holder[..Math.Max(0, holder.LastIndexOf('_'))] : null;

    public void Dispose() => _http.Dispose();
}
