using System.Text.Json.Nodes;
using k8s;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>Deep copies and comparisons of API objects through their JSON form (the form the server sees).</summary>
internal static class ObjectCopy
{
    /// <summary>A private copy that can be changed without touching the cached object.</summary>
    public static T Deep<T>(T item) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(item));

    /// <summary>The JSON of the object's <c>status</c> (null when absent): equal JSON means no semantic change.</summary>
    public static string? StatusJson<T>(T item) =>
        JsonNode.Parse(KubernetesJson.Serialize(item))?["status"]?.ToJsonString();
}
