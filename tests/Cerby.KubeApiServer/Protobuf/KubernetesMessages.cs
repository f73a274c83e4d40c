namespace Cerby.KubeApiServer.Protobuf;

/// <summary>
/// The protobuf messages of the built-in kinds that kubectl and helm send as <c>application/vnd.kubernetes.protobuf</c>
/// (client-go's generated clients use protobuf for every built-in type and never fall back to JSON): the field numbers
/// of k8s.io/api and k8s.io/apimachinery's generated.proto. Fields not listed are skipped.
/// </summary>
internal static class KubernetesMessages
{
    private static readonly ProtoMessage OwnerReference = new(
    [
        new(1, "kind", ProtoKind.String),
        new(3, "name", ProtoKind.String),
        new(4, "uid", ProtoKind.String),
        new(5, "apiVersion", ProtoKind.String),
        new(6, "controller", ProtoKind.Bool),
        new(7, "blockOwnerDeletion", ProtoKind.Bool),
    ]);

    private static readonly ProtoMessage ObjectMeta = new(
    [
        new(1, "name", ProtoKind.String),
        new(2, "generateName", ProtoKind.String),
        new(3, "namespace", ProtoKind.String),
        new(5, "uid", ProtoKind.String),
        new(6, "resourceVersion", ProtoKind.String),
        new(7, "generation", ProtoKind.Int),
        new(8, "creationTimestamp", ProtoKind.Time),
        new(9, "deletionTimestamp", ProtoKind.Time),
        new(10, "deletionGracePeriodSeconds", ProtoKind.Int),
        new(11, "labels", ProtoKind.StringMap),
        new(12, "annotations", ProtoKind.StringMap),
        new(13, "ownerReferences", ProtoKind.Message, Repeated: true, Message: OwnerReference),
        new(14, "finalizers", ProtoKind.String, Repeated: true),
    ]);

    private static readonly ProtoMessage ObjectReference = new(
    [
        new(1, "kind", ProtoKind.String),
        new(2, "namespace", ProtoKind.String),
        new(3, "name", ProtoKind.String),
        new(4, "uid", ProtoKind.String),
        new(5, "apiVersion", ProtoKind.String),
        new(6, "resourceVersion", ProtoKind.String),
        new(7, "fieldPath", ProtoKind.String),
    ]);

    private static readonly ProtoMessage Preconditions = new(
    [
        new(1, "uid", ProtoKind.String),
        new(2, "resourceVersion", ProtoKind.String),
    ]);

    private static readonly Dictionary<string, ProtoMessage> ByKind = new(StringComparer.Ordinal)
    {
        ["Secret"] = new(
        [
            new(1, "metadata", ProtoKind.Message, Message: ObjectMeta),
            new(2, "data", ProtoKind.BytesMap),
            new(3, "type", ProtoKind.String),
            new(4, "stringData", ProtoKind.StringMap),
            new(5, "immutable", ProtoKind.Bool),
        ]),
        ["ConfigMap"] = new(
        [
            new(1, "metadata", ProtoKind.Message, Message: ObjectMeta),
            new(2, "data", ProtoKind.StringMap),
            new(3, "binaryData", ProtoKind.BytesMap),
            new(4, "immutable", ProtoKind.Bool),
        ]),
        ["Namespace"] = new(
        [
            new(1, "metadata", ProtoKind.Message, Message: ObjectMeta),
            new(2, "spec", ProtoKind.Message, Message: new([new(1, "finalizers", ProtoKind.String, Repeated: true)])),
        ]),
        ["ServiceAccount"] = new(
        [
            new(1, "metadata", ProtoKind.Message, Message: ObjectMeta),
            new(2, "secrets", ProtoKind.Message, Repeated: true, Message: ObjectReference),
            new(3, "imagePullSecrets", ProtoKind.Message, Repeated: true, Message: new([new(1, "name", ProtoKind.String)])),
            new(4, "automountServiceAccountToken", ProtoKind.Bool),
        ]),
        ["DeleteOptions"] = new(
        [
            new(1, "gracePeriodSeconds", ProtoKind.Int),
            new(2, "preconditions", ProtoKind.Message, Message: Preconditions),
            new(3, "orphanDependents", ProtoKind.Bool),
            new(4, "propagationPolicy", ProtoKind.String),
            new(5, "dryRun", ProtoKind.String, Repeated: true),
        ]),
    };

    public static ProtoMessage? ForKind(string kind) => ByKind.GetValueOrDefault(kind);
}
