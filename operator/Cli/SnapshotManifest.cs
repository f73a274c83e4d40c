using System.Text.Json.Serialization;
using k8s.Models;

namespace Cerby.Operator.Cli;

/// <summary>The envelope every snapshot file shares with a Kubernetes object: apiVersion, kind and metadata.</summary>
internal abstract record SnapshotManifest
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    /// <summary>namespace selects the namespace of the resource the snapshot refers to ("default" when absent); name is free.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; init; } = new();
}
