using System.Text.RegularExpressions;

namespace Cerby.Emulators.GoogleAds;

/// <summary>
/// The part of the Google Ads Query Language the emulator understands: <c>SELECT f, … FROM resource</c> with an optional
/// <c>WHERE</c> of conditions joined by AND, each <c>field = literal</c> or <c>field IN (literal, …)</c>; literals are
/// quoted strings (backslash escapes), numbers or enum names. Anything else is a QUERY_ERROR.
/// </summary>
internal sealed partial record GaqlQuery(IReadOnlyList<string> Fields, string Resource, IReadOnlyList<GaqlCondition> Conditions)
{
    public static GaqlQuery Parse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            throw GoogleAdsException.Invalid("queryError", "UNEXPECTED_INPUT", $"Error in query: cannot parse '{text}'.");
        }

        var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var resource = match.Groups["resource"].Value;
        var conditions = new List<GaqlCondition>();
        var where = match.Groups["where"].Value;
        while (where.Length > 0)
        {
            var condition = Condition().Match(where);
            if (!condition.Success)
            {
                throw GoogleAdsException.Invalid("queryError", "UNEXPECTED_INPUT", $"Error in query: cannot parse the condition '{where}'.");
            }

            var values = condition.Groups["in"].Success
                ? Literal().Matches(condition.Groups["in"].Value).Select(m => Unquote(m.Value)).ToList()
                : [Unquote(condition.Groups["value"].Value)];
            conditions.Add(new GaqlCondition(condition.Groups["field"].Value, values));
            where = where[condition.Length..];
        }

        foreach (var field in fields.Concat(conditions.Select(c => c.Field)).Where(f => !f.StartsWith(resource + ".", StringComparison.Ordinal)))
        {
            throw GoogleAdsException.Invalid("queryError", "PROHIBITED_FIELD_IN_SELECT_CLAUSE", $"Error in query: field '{field}' does not belong to resource '{resource}'.");
        }

        return new GaqlQuery(fields, resource, conditions);
    }

    /// <summary>Whether a row whose fields are <paramref name="valueOf"/> meets every condition.</summary>
    public bool Matches(Func<string, string?> valueOf) =>
        Conditions.All(c => c.Values.Contains(valueOf(c.Field[(Resource.Length + 1)..]) ?? "", StringComparer.Ordinal));

    private static string Unquote(string literal)
    {
        if (literal.Length < 2 || literal[0] is not ('\'' or '"'))
        {
            return literal;
        }

        return Escape().Replace(literal[1..^1], m => m.Groups[1].Value);
    }

    private const string LiteralPattern = """'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|[A-Za-z0-9_.+-]+""";

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<resource>[a-z_]+)(?:\s+WHERE\s+(?<where>.+?))?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^\s*(?:AND\s+)?(?<field>[a-z_.]+)\s*(?:=\s*(?<value>" + LiteralPattern + @")|IN\s*\((?<in>[^)]*)\))\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();

    [GeneratedRegex(LiteralPattern)]
    private static partial Regex Literal();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escape();
}

/// <summary>One WHERE condition: the field equals one of the values.</summary>
internal sealed record GaqlCondition(string Field, IReadOnlyList<string> Values);
