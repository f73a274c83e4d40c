using System.Text.Json;
using System.Text.Json.Nodes;
using Cel;

namespace Cerby.KubeApiServer.Validation;

/// <summary>
/// A CRD <c>x-kubernetes-validations</c> rule, compiled and evaluated by the <c>Cel</c> package (a C# implementation of
/// the CEL spec: macros such as <c>all</c> and <c>exists</c>, <c>in</c> with list literals, <c>size()</c>,
/// <c>matches()</c>, arithmetic). As in the apiserver, a rule that does not compile, or that names a variable other
/// than <c>self</c>, is refused when the CRD is registered, so no rule is silently unchecked.
/// </summary>
internal sealed class CelRule
{
    private static readonly CelEnvironment Environment = new([], "");
    private readonly CelProgramDelegate program;

    private CelRule(string source, CelProgramDelegate program)
    {
        Source = source;
        this.program = program;
    }

    public string Source { get; }

    /// <summary>Compiles a rule; throws <see cref="NotSupportedException"/> for one that does not compile or names another variable.</summary>
    public static CelRule Parse(string source)
    {
        CelProgramDelegate program;
        try
        {
            program = Environment.Compile(source);
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or ArgumentException)
        {
            throw new NotSupportedException($"CEL rule '{source}' does not compile: {e.Message}", e);
        }

        try
        {
            program(Variables(new JsonObject()));
        }
        catch (CelUndeclaredReferenceException e)
        {
            throw new NotSupportedException($"CEL rule '{source}' names a variable other than self: {e.Message}", e);
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or InvalidCastException)
        {
            // Evaluating against an empty object may fail (no such field): only the names it uses matter here.
        }

        return new CelRule(source, program);
    }

    /// <summary>Whether <paramref name="self"/> satisfies the rule; throws <see cref="CelEvaluationException"/> (e.g. no such key).</summary>
    public bool IsSatisfiedBy(JsonNode? self)
    {
        object? result;
        try
        {
            result = program(Variables(self));
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or InvalidCastException or KeyNotFoundException)
        {
            throw new CelEvaluationException(e.Message);
        }

        return result as bool? ?? throw new CelEvaluationException("rule did not evaluate to a bool");
    }

    private static Dictionary<string, object?> Variables(JsonNode? self) => new(StringComparer.Ordinal) { ["self"] = Value(self) };

    /// <summary>JSON as CEL values: objects as maps, arrays as lists, integers as int, other numbers as double.</summary>
    private static object? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Value(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(Value).ToArray(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var whole) ? whole : v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}

/// <summary>A runtime CEL error (the apiserver reports these as invalid values too).</summary>
internal sealed class CelEvaluationException(string message) : Exception(message);
