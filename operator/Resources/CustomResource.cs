using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Resources;

/// <summary>Base of the four custom resources: Kubernetes metadata plus a typed spec and status.</summary>
/// <typeparam name="TSpec">The desired state the user declares.</typeparam>
/// <typeparam name="TStatus">The observed state the operator writes through the status subresource.</typeparam>
public abstract class CustomResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
{
    /// <summary>Always <c>access.cerby.io/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Resources.ApiGroup.ApiVersion;

    /// <summary>The kind of the resource.</summary>
    [JsonPropertyName("kind")]
    public abstract string Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    /// <summary>The observed state, written by the operator.</summary>
    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}
