using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Validation;

/// <summary>
/// A CRD <c>x-kubernetes-validations</c> rule in the small CEL subset our CRDs use: <c>self</c> and field access,
/// <c>has()</c>, <c>==</c>, <c>!=</c>, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, parentheses, string and boolean literals.
/// Anything else is refused when the CRD is registered, so no rule is silently unchecked.
/// </summary>
internal sealed class CelRule
{
    private readonly Func<JsonNode?, object?> evaluate;

    private CelRule(string source, Func<JsonNode?, object?> evaluate)
    {
        Source = source;
        this.evaluate = evaluate;
    }

    public string Source { get; }

    /// <summary>Compiles a rule; throws <see cref="NotSupportedException"/> for anything outside the subset.</summary>
    public static CelRule Parse(string source) => new(source, new CelParser(source).ParseRule());

    /// <summary>Whether <paramref name="self"/> satisfies the rule; throws <see cref="CelEvaluationException"/> (e.g. no such key).</summary>
    public bool IsSatisfiedBy(JsonNode? self) =>
        evaluate(self) as bool? ?? throw new CelEvaluationException("rule did not evaluate to a bool");
}

/// <summary>A runtime CEL error (the apiserver reports these as invalid values too).</summary>
internal sealed class CelEvaluationException(string message) : Exception(message);
