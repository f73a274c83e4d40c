using System.Text.Json;

namespace Cerby.Operator.ScimProtocol;

/// <summary>One token of a filter: a word or symbol, or the value of a double-quoted string literal (<see cref="Quoted"/>).</summary>
internal sealed record ScimFilterToken(string Text, bool Quoted);

/// <summary>Splits filter text into words, the symbols <c>( ) [ ]</c> and JSON string literals; an unclosed or badly escaped string is invalidFilter.</summary>
internal static class ScimFilterTokenizer
{
    public static List<ScimFilterToken> Tokenize(string text)
    {
        var tokens = new List<ScimFilterToken>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '[' or ']')
            {
                tokens.Add(new ScimFilterToken(c.ToString(), false));
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

                tokens.Add(new ScimFilterToken(text[start..i], false));
            }
        }

        if (tokens.Count == 0)
        {
            throw ScimException.InvalidFilter("the filter is empty");
        }

        return tokens;
    }

    /// <summary>Reads a JSON string literal starting at the quote; returns the index after its closing quote.</summary>
    private static int ReadString(string text, int start, List<ScimFilterToken> tokens)
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
                    tokens.Add(new ScimFilterToken(JsonSerializer.Deserialize<string>(text.AsSpan(start, i - start + 1))!, true));
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
}
