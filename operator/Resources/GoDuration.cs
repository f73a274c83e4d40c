using System.Globalization;
using System.Text.RegularExpressions;

namespace Cerby.Operator.Resources;

/// <summary>Parses Go-style durations (30s, 5m, 1h30m, 250ms) as the resources declare them.</summary>
public static partial class GoDuration
{
    /// <summary>Parses a duration; false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in Part().Matches(text))
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            value += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return true;
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
