using System.Globalization;
using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// Parses SCIM filters: <c>eq ne co sw ew gt ge lt le pr</c>, <c>and</c>, <c>or</c>, <c>not ( … )</c>, grouping and value
/// paths <c>emails[type eq "work"]</c>; keywords case-insensitive, strings JSON-escaped in double quotes. Anything else
/// is a 400 with scimType invalidFilter.
/// </summary>
internal sealed class ScimFilterParser
{
    private static readonly HashSet<string> Comparisons = new(StringComparer.OrdinalIgnoreCase) { "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le" };
    /// <summary>Nesting deeper than this is refused, so a hostile filter cannot exhaust the stack.</summary>
    private const int MaxDepth = 32;
    private readonly List<ScimFilterToken> _tokens;
    private int _next;
    private int _depth;

    private ScimFilterParser(List<ScimFilterToken> tokens) => _tokens = tokens;

    public static ScimFilter Parse(string text)
    {
        var parser = new ScimFilterParser(ScimFilterTokenizer.Tokenize(text));
        var filter = parser.ParseOr();
        if (parser._next != parser._tokens.Count)
        {
            throw ScimException.InvalidFilter($"unexpected '{parser._tokens[parser._next].Text}' in filter");
        }

        return filter;
    }

    private ScimFilter ParseOr()
    {
        var left = ParseAnd();
        while (TakeWord("or"))
        {
            left = new ScimOrFilter(left, ParseAnd());
        }

        return left;
    }

    private ScimFilter ParseAnd()
    {
        var left = ParseUnary();
        while (TakeWord("and"))
        {
            left = new ScimAndFilter(left, ParseUnary());
        }

        return left;
    }

    private ScimFilter ParseUnary()
    {
        if (++_depth > MaxDepth)
        {
            throw ScimException.InvalidFilter($"the filter nests deeper than {MaxDepth} levels");
        }

        try
        {
            return ParseOperand();
        }
        finally
        {
            _depth--;
        }
    }

    private ScimFilter ParseOperand()
    {
        if (TakeWord("not"))
        {
            Expect("(");
            var inner = ParseOr();
            Expect(")");
            return new ScimNotFilter(inner);
        }

        if (Take("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var token = Next("an attribute");
        if (token.Quoted || ScimAttributePath.TryParse(token.Text) is not { } path)
        {
            throw ScimException.InvalidFilter($"'{token.Text}' is not an attribute path");
        }

        if (Take("["))
        {
            var inner = ParseOr();
            Expect("]");
            return new ScimValuePathFilter(path, inner);
        }

        var op = Next("an operator");
        if (!op.Quoted && op.Text.Equals("pr", StringComparison.OrdinalIgnoreCase))
        {
            return new ScimCompareFilter(path, "pr", null);
        }

        if (op.Quoted || !Comparisons.Contains(op.Text))
        {
            throw ScimException.InvalidFilter($"'{op.Text}' is not a filter operator");
        }

        return new ScimCompareFilter(path, op.Text.ToLowerInvariant(), Literal(Next("a value")));
    }

    private static JsonNode? Literal(ScimFilterToken token)
    {
        if (token.Quoted)
        {
            return JsonValue.Create(token.Text);
        }

        return token.Text.ToLowerInvariant() switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" => null,
            _ when decimal.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => throw ScimException.InvalidFilter($"'{token.Text}' is not a value (strings go in double quotes)"),
        };
    }

    private ScimFilterToken Next(string what) =>
        _next < _tokens.Count ? _tokens[_next++] : throw ScimException.InvalidFilter($"filter ends where {what} was expected");

    private bool Take(string symbol)
    {
        if (_next < _tokens.Count && !_tokens[_next].Quoted && _tokens[_next].Text == symbol)
        {
            _next++;
            return true;
        }

        return false;
    }

    private bool TakeWord(string word)
    {
        if (_next < _tokens.Count && !_tokens[_next].Quoted && _tokens[_next].Text.Equals(word, StringComparison.OrdinalIgnoreCase))
        {
            _next++;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!Take(symbol))
        {
            throw ScimException.InvalidFilter($"'{symbol}' expected in filter");
        }
    }
}
