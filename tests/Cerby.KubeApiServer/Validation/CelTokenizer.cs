namespace Cerby.KubeApiServer.Validation;

/// <summary>Splits a rule into tokens: operators, parentheses, dots, identifiers and quoted strings.</summary>
internal static class CelTokenizer
{
    private static readonly string[] Operators = ["==", "!=", "||", "&&", "!", "(", ")", "."];

    public static List<string> Tokenize(string source)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var end = source.IndexOf(c, i + 1);
                if (end < 0 || source.IndexOf('\\', i, end - i) >= 0)
                {
                    throw new NotSupportedException($"CEL rule `{source}`: unterminated or escaped string literal.");
                }

                tokens.Add(source[i..(end + 1)]);
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(source[start..i]);
            }
            else if (Operators.FirstOrDefault(op => string.CompareOrdinal(source, i, op, 0, op.Length) == 0) is { } op)
            {
                tokens.Add(op);
                i += op.Length;
            }
            else
            {
                throw new NotSupportedException($"CEL rule `{source}` is outside the subset the test API server evaluates: unexpected '{c}'.");
            }
        }

        return tokens;
    }
}
