using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cerby.Operator.Identity.Durable;

/// <summary>
/// Reads the profiles of a saved checkpoint the way a read makes them (<see cref="ProfileMap"/>, names shared through
/// <see cref="ProfileNames"/>), so a restarted operator holds its 100,000 users in as little memory as the one that
/// read them, not a Dictionary and a copy of every name per user. Writes a plain JSON object.
/// </summary>
internal sealed class ProfileJsonConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a profile is a JSON object");
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = ProfileNames.Shared(reader.GetString() ?? throw new JsonException("a profile attribute has no name"));
            reader.Read();
            entries[name] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"profile attribute {name} is not a string");
        }

        return ProfileMap.Of(entries);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }
}
