using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cerby.Operator.Cli;

/// <summary>Prints a plan report as indented JSON: camelCase, enums as strings, absent values omitted, stable order.</summary>
internal static class PlanJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Write(PlanReport report, TextWriter stdout) => WriteAny(report, stdout);

    /// <summary>Any of the commands' reports, in the same JSON style.</summary>
    public static void WriteAny<T>(T report, TextWriter stdout) =>
        stdout.WriteLine(JsonSerializer.Serialize(report, Options));
}
