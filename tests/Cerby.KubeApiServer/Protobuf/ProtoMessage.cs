namespace Cerby.KubeApiServer.Protobuf;

/// <summary>How a protobuf field becomes JSON.</summary>
internal enum ProtoKind
{
    String,
    Bytes,
    Int,
    Bool,
    Time,
    Message,
    StringMap,
    BytesMap,
}

/// <summary>One field of a Kubernetes protobuf message and its JSON name (from k8s.io/api's generated.proto).</summary>
internal sealed record ProtoField(int Number, string Name, ProtoKind Kind, bool Repeated = false, ProtoMessage? Message = null);

/// <summary>A Kubernetes protobuf message: its fields by number; unknown numbers are skipped.</summary>
internal sealed record ProtoMessage(IReadOnlyList<ProtoField> Fields)
{
    public ProtoField? Field(int number) => Fields.FirstOrDefault(field => field.Number == number);
}
