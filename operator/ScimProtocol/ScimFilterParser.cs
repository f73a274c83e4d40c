using System.Globalization;
using System.Text.Json;
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
    private readonly List<Token> _tokens;
    private int _next;
    private int _depth;

    private ScimFilterParser(List<Token> tokens) => _tokens = tokens;

    public static ScimFilter Parse(string text)
    {
        var parser = new ScimFilterParser(Tokenize(text));
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

    private static JsonNode? Literal(Token token)
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

    private Token Next(string what) =>
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

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '[' or ']')
            {
                tokens.Add(new Token(c.ToString(), false));
                i++;
            }
            else if (c == '"')
            {
                i = ReadString(text, i, tokens);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '[' or ']' or '"'))
                {
                    i++;
                }

                tokens.Add(new Token(text[start..i], false));
            }
        }

        if (tokens.Count == 0)
        {
            throw ScimException.InvalidFilter("the filter is empty");
        }

        return tokens;
    }

    /// <summary>Reads a JSON string literal starting at the quote; returns the index after its closing quote.</summary>
    private static int ReadString(string text, int start, List<Token> tokens)
    {
        var escaped = false;
        for (var i = start + 1; i < text.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (text[i] == '\\')
            {
                escaped = true;
            }
            else if (text[i] == '"')
            {
                try
                {
                    tokens.Add(new Token(JsonSerializer.Deserialize<string>(text.AsSpan(start, i - start + 1))!, true));
                }
                catch (JsonException)
                {
                    throw ScimException.InvalidFilter("a string in the filter has an invalid escape");
                }

                return i + 1;
            }
        }

        throw ScimException.InvalidFilter("a string in the filter is not closed");
    }

    private sealed record Token(string Text, bool Quoted);
}
