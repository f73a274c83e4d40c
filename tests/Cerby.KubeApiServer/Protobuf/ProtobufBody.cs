using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;

namespace Cerby.KubeApiServer.Protobuf;

/// <summary>
/// Decodes an <c>application/vnd.kubernetes.protobuf</c> request body into the JSON object it stands for: the magic
/// <c>k8s\0</c>, then a runtime.Unknown (typeMeta, raw) whose raw bytes are the kind's message. A kind without a known
/// message gets 415 Unsupported Media Type, as the real server answers a media type it cannot decode.
/// </summary>
internal static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [(byte)'k', (byte)'8', (byte)'s', 0];

    public static bool IsProtobuf(string? contentType) =>
        contentType?.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase) == true;

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw ApiException.BadRequest("the body of the request could not be decoded: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }

        try
        {
            var (apiVersion, kind, raw) = ReadUnknown(body[Magic.Length..]);
            var message = KubernetesMessages.ForKind(kind) ?? throw UnsupportedMediaType();
            var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
            foreach (var (name, value) in ReadMessage(raw.Span, message))
            {
                result[name] = value;
            }

            return result;
        }
        catch (FormatException error)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {error.Message}");
        }
    }

    /// <summary>The 415 the real server sends for a body in a media type it does not decode for this resource.</summary>
    public static ApiException UnsupportedMediaType() =>
        new(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");

    private static (string ApiVersion, string Kind, ReadOnlyMemory<byte> Raw) ReadUnknown(ReadOnlySpan<byte> envelope)
    {
        var reader = new ProtoReader(envelope);
        string apiVersion = "", kind = "";
        ReadOnlyMemory<byte> raw = default;
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number)
            {
                case 1 when wireType == 2:
                    var typeMeta = new ProtoReader(reader.ReadLengthDelimited());
                    while (!typeMeta.AtEnd)
                    {
                        var (field, type) = typeMeta.ReadTag();
                        if (field is 1 or 2 && type == 2)
                        {
                            var text = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                            (apiVersion, kind) = field == 1 ? (text, kind) : (apiVersion, text);
                        }
                        else
                        {
                            typeMeta.Skip(type);
                        }
                    }

                    break;
                case 2 when wireType == 2:
                    raw = reader.ReadLengthDelimited().ToArray();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return (apiVersion, kind, raw);
    }

    private static List<(string Name, JsonNode Value)> ReadMessage(ReadOnlySpan<byte> data, ProtoMessage message)
    {
        var fields = new List<(string, JsonNode)>();
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (message.Field(number) is not { } field)
            {
                reader.Skip(wireType);
                continue;
            }

            if (ReadValue(ref reader, wireType, field) is not { } value)
            {
                continue;
            }

            var existing = fields.FindIndex(pair => pair.Item1 == field.Name);
            if (field.Repeated)
            {
                if (existing < 0)
                {
                    fields.Add((field.Name, new JsonArray()));
                    existing = fields.Count - 1;
                }

                ((JsonArray)fields[existing].Item2).Add(value);
            }
            else if (field.Kind is ProtoKind.StringMap or ProtoKind.BytesMap && existing >= 0)
            {
                var (key, entry) = ((JsonObject)value).First();
                ((JsonObject)fields[existing].Item2)[key] = entry?.DeepClone();
            }
            else if (existing >= 0)
            {
                fields[existing] = (field.Name, value);
            }
            else
            {
                fields.Add((field.Name, value));
            }
        }

        return fields;
    }

    /// <summary>
    /// The field's JSON value, or null for a zero value of a single field: Go's generated protobuf writes empty strings,
    /// false and zero times that its JSON encoding omits (<c>omitempty</c>), so they are dropped here the same way.
    /// </summary>
    private static JsonNode? ReadValue(ref ProtoReader reader, int wireType, ProtoField field)
    {
        switch (field.Kind)
        {
            case ProtoKind.Int when wireType == 0:
                var number = unchecked((long)reader.ReadVarint());
                return number == 0 && !field.Repeated ? null : JsonValue.Create(number);
            case ProtoKind.Bool when wireType == 0:
                return reader.ReadVarint() == 0 && !field.Repeated ? null : JsonValue.Create(true);
            case ProtoKind.String when wireType == 2:
                var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                return text.Length == 0 && !field.Repeated ? null : JsonValue.Create(text);
            case ProtoKind.Bytes when wireType == 2:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited()));
            case ProtoKind.Time when wireType == 2:
                return ReadTime(reader.ReadLengthDelimited()) is { } time ? JsonValue.Create(time) : null;
            case ProtoKind.Message when wireType == 2:
                var obj = new JsonObject();
                foreach (var (name, value) in ReadMessage(reader.ReadLengthDelimited(), field.Message!))
                {
                    obj[name] = value;
                }

                return obj;
            case ProtoKind.StringMap or ProtoKind.BytesMap when wireType == 2:
                return ReadMapEntry(reader.ReadLengthDelimited(), bytes: field.Kind == ProtoKind.BytesMap);
            default:
                throw new FormatException($"field {field.Name} has wire type {wireType}");
        }
    }

    /// <summary>One map entry (key = 1, value = 2) as a one-property object.</summary>
    private static JsonObject ReadMapEntry(ReadOnlySpan<byte> entry, bool bytes)
    {
        var reader = new ProtoReader(entry);
        string key = "", value = "";
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number is 1 or 2 && wireType == 2)
            {
                var data = reader.ReadLengthDelimited();
                var text = number == 2 && bytes ? Convert.ToBase64String(data) : Encoding.UTF8.GetString(data);
                (key, value) = number == 1 ? (text, value) : (key, text);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new JsonObject { [key] = value };
    }

    /// <summary>A metav1.Time (seconds = 1, nanos = 2) in the JSON form, RFC 3339 to the second; null for the zero time.</summary>
    private static string? ReadTime(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        long seconds = 0;
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1 && wireType == 0)
            {
                seconds = unchecked((long)reader.ReadVarint());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (seconds == 0)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
