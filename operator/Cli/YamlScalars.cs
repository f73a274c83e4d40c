using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cerby.Operator.Cli;

/// <summary>
/// Resolves a YAML scalar to JSON by the YAML 1.2 core schema: plain true/false are booleans, plain null, ~ and
/// empty are null, plain integers and floats are numbers; quoted scalars, block scalars, !!str and everything
/// else are strings.
/// </summary>
internal static partial class YamlScalars
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>The JSON value of the scalar; null for a YAML null.</summary>
    public static JsonNode? ToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            return JsonValue.Create(text);
        }

        if (Null().IsMatch(text))
        {
            return null;
        }

        if (Bool().IsMatch(text))
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        return Number(text) is { } number ? JsonNode.Parse(number) : JsonValue.Create(text);
    }

    /// <summary>The number in canonical JSON form, or null when the text is not a YAML number JSON can hold.</summary>
    private static string? Number(string text)
    {
        if (Decimal().IsMatch(text))
        {
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        if (Hex().IsMatch(text))
        {
            return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        if (Octal().IsMatch(text))
        {
            return text[2..].Aggregate(BigInteger.Zero, (value, digit) => (value * 8) + (digit - '0')).ToString(CultureInfo.InvariantCulture);
        }

        // A float beyond double's range (1e999) parses as infinity, which JSON cannot hold: it stays a string.
        return Float().IsMatch(text) && double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) is var value && double.IsFinite(value)
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : null;
    }

    [GeneratedRegex("^(null|Null|NULL|~|)$")]
    private static partial Regex Null();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex Bool();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Decimal();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex Hex();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex Octal();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
