using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;

namespace Cerby.KubeApiServer.Validation;

/// <summary>Recursive-descent parser of the CEL subset; builds closures over <c>self</c>.</summary>
internal sealed class CelParser(string source)
{
    private readonly List<string> tokens = CelTokenizer.Tokenize(source);
    private int position;

    public Func<JsonNode?, object?> ParseRule()
    {
        var expression = ParseOr();
        if (position != tokens.Count)
        {
            throw Unsupported($"unexpected '{tokens[position]}'");
        }

        return expression;
    }

    private Func<JsonNode?, object?> ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
        {
            var (l, r) = (left, ParseAnd());
            left = self => AsBool(l(self)) || AsBool(r(self));
        }

        return left;
    }

    private Func<JsonNode?, object?> ParseAnd()
    {
        var left = ParseRelation();
        while (Accept("&&"))
        {
            var (l, r) = (left, ParseRelation());
            left = self => AsBool(l(self)) && AsBool(r(self));
        }

        return left;
    }

    private Func<JsonNode?, object?> ParseRelation()
    {
        var left = ParseUnary();
        if (Accept("=="))
        {
            var right = ParseUnary();
            return self => Equals(Normalize(left(self)), Normalize(right(self)));
        }

        if (Accept("!="))
        {
            var right = ParseUnary();
            return self => !Equals(Normalize(left(self)), Normalize(right(self)));
        }

        return left;
    }

    private Func<JsonNode?, object?> ParseUnary()
    {
        if (Accept("!"))
        {
            var operand = ParseUnary();
            return self => !AsBool(operand(self));
        }

        return ParsePrimary();
    }

    private Func<JsonNode?, object?> ParsePrimary()
    {
        if (Accept("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var token = Next();
        if (token.StartsWith('\'') || token.StartsWith('"'))
        {
            var literal = token[1..^1];
            return _ => literal;
        }

        if (token is "true" or "false")
        {
            var literal = token == "true";
            return _ => literal;
        }

        if (token == "has")
        {
            Expect("(");
            var fields = ParsePath(Next());
            Expect(")");
            if (fields.Count == 0)
            {
                throw Unsupported("has() needs a field selection");
            }

            var parent = fields[..^1];
            var last = fields[^1];
            return self => Select(self, parent) is JsonObject obj && obj[last] is not null;
        }

        var path = ParsePath(token);
        return self => Select(self, path);
    }

    private List<string> ParsePath(string first)
    {
        if (first != "self")
        {
            throw Unsupported($"unsupported identifier '{first}' (only self is supported)");
        }

        var fields = new List<string>();
        while (Accept("."))
        {
            var name = Next();
            if (!char.IsLetter(name[0]) && name[0] != '_')
            {
                throw Unsupported($"expected a field name after '.', got '{name}'");
            }

            fields.Add(name);
        }

        if (position < tokens.Count && tokens[position] == "(")
        {
            throw Unsupported("function calls other than has() are not supported");
        }

        return fields;
    }

    private static JsonNode? Select(JsonNode? self, IEnumerable<string> fields)
    {
        var node = self;
        foreach (var field in fields)
        {
            node = node is JsonObject obj && obj[field] is { } child ? child : throw new CelEvaluationException($"no such key: {field}");
        }

        return node;
    }

    private static bool AsBool(object? value) => value switch
    {
        bool b => b,
        JsonValue json when json.TryGetValue<bool>(out var b) => b,
        _ => throw new CelEvaluationException("no such overload: expected a bool"),
    };

    private static object? Normalize(object? value) => value switch
    {
        JsonValue json when json.TryGetValue<string>(out var text) => text,
        JsonValue json when json.TryGetValue<bool>(out var b) => b,
        JsonValue json => JsonObjects.Number(json),
        JsonNode node => node.ToJsonString(),
        _ => value,
    };

    private bool Accept(string token)
    {
        if (position < tokens.Count && tokens[position] == token)
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw Unsupported($"expected '{token}'");
        }
    }

    private string Next() => position < tokens.Count ? tokens[position++] : throw Unsupported("unexpected end of rule");

    private NotSupportedException Unsupported(string why) =>
        new($"CEL rule `{source}` is outside the subset the test API server evaluates: {why}.");
}
