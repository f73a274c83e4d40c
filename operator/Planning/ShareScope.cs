using System.Collections.Concurrent;
using Cel;

namespace Cerby.Operator.Planning;

/// <summary>What a share's scope says of one user.</summary>
public enum ScopeVerdict
{
    /// <summary>The expression is true: the share applies to the user.</summary>
    Included,

    /// <summary>The expression is false: the share grants the user nothing.</summary>
    Excluded,

    /// <summary>
    /// The expression could not be evaluated for the user (a missing custom attribute, a type error): unknown, never
    /// the same as excluded. The share grants the user nothing new and the user loses nothing because of it.
    /// </summary>
    Unknown,
}

/// <summary>
/// A TeamShare's spec.scope: a CEL expression over the IdP user that narrows who of the subject gets the share,
/// compiled and evaluated with the <c>Cel</c> package. The variable is <c>user</c>, a map with <c>id</c>, <c>email</c>,
/// <c>department</c>, <c>employeeType</c> (profile employeeType, else userType), <c>title</c> (profile title, else
/// jobTitle), each an empty string when the IdP has no value, and <c>attributes</c> (every profile attribute by name;
/// a missing one is an evaluation error, so guard custom attributes with <c>has()</c> or <c>"name" in user.attributes</c>).
/// Pure: the same expression and user give the same verdict.
/// </summary>
public sealed partial class ShareScope
{
    private static readonly Lock CompileLock = new();
    private static readonly CelEnvironment Environment = new([], "");
    private static readonly ConcurrentDictionary<string, (ShareScope? Scope, string? Error)> Compiled = new(StringComparer.Ordinal);
    private readonly CelProgramDelegate _program;

    private ShareScope(string expression, CelProgramDelegate program) => (Expression, _program) = (expression, program);

    /// <summary>The CEL source.</summary>
    public string Expression { get; }

    /// <summary>Compiles an expression; null with the error when it does not compile or names a variable other than user.</summary>
    public static ShareScope? Compile(string expression, out string? error)
    {
        if (Compiled.Count > 4096)
        {
            Compiled.Clear();
        }

        var (scope, problem) = Compiled.GetOrAdd(expression, CompileNew);
        error = problem;
        return scope;
    }

    private static (ShareScope?, string?) CompileNew(string expression)
    {
        CelProgramDelegate program;
        try
        {
            lock (CompileLock)
            {
                program = Environment.Compile(expression);
            }
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, $"scope does not compile: {e.Message}");
        }

        // Evaluated once on a user with every named field empty: only the names it uses and the result type matter.
        try
        {
            var result = program(Variables(Sample));
            if (result is not bool)
            {
                return (null, $"scope must evaluate to true or false, not {result?.GetType().Name ?? "null"}");
            }
        }
        catch (CelUndeclaredReferenceException e)
        {
            return (null, $"scope may only name the variable user: {e.Message}");
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or InvalidCastException or KeyNotFoundException or ArgumentException)
        {
            // A missing custom attribute on the empty sample: fine.
        }

        return (new ShareScope(expression, program), null);
    }

    /// <summary>Whether the share applies to the user.</summary>
    public ScopeVerdict Evaluate(IdpUser user) => Evaluate(user, out _);

    /// <summary>Whether the share applies to the user; <paramref name="error"/> says why when Unknown.</summary>
    public ScopeVerdict Evaluate(IdpUser user, out string? error)
    {
        error = null;
        try
        {
            if (_program(Variables(user)) is bool included)
            {
                return included ? ScopeVerdict.Included : ScopeVerdict.Excluded;
            }

            error = "the scope did not evaluate to true or false";
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or InvalidCastException or KeyNotFoundException or ArgumentException)
        {
            error = e.Message;
        }

        return ScopeVerdict.Unknown;
    }

    /// <summary>
    /// The user's values of the fields the expression names ("employeeType" → "contractor", "attributes.costCenter" →
    /// "42"), as the expression sees them, in the order named; a missing custom attribute is left out. For explaining a verdict.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> NamedValues(IdpUser user)
    {
        var fields = (Dictionary<string, object?>)Variables(user)["user"]!;
        var attributes = (Dictionary<string, object?>)fields["attributes"]!;
        var values = new List<KeyValuePair<string, string>>();
        foreach (System.Text.RegularExpressions.Match match in NamedField().Matches(Expression))
        {
            var attribute = match.Groups["attr"].Success ? match.Groups["attr"].Value : match.Groups["quoted"].Success ? match.Groups["quoted"].Value : null;
            var (name, value) = attribute is not null
                ? ("attributes." + attribute, attributes.GetValueOrDefault(attribute) as string)
                : (match.Groups["field"].Value, fields.GetValueOrDefault(match.Groups["field"].Value) as string);
            if (value is not null && !values.Any(v => v.Key == name))
            {
                values.Add(KeyValuePair.Create(name, value));
            }
        }

        return values;
    }

    [System.Text.RegularExpressions.GeneratedRegex("""user\.(?:attributes(?:\.(?<attr>[A-Za-z_][A-Za-z0-9_]*)|\[\s*"(?<quoted>[^"]+)"\s*\])|(?<field>id|email|department|employeeType|title)\b)""")]
    private static partial System.Text.RegularExpressions.Regex NamedField();

    private static readonly IdpUser Sample = new("", "", UserLifecycle.Active, new Dictionary<string, string>());

    private static Dictionary<string, object?> Variables(IdpUser user)
    {
        var profile = user.Profile;
        string Field(params string[] names) => names.Select(n => profile.GetValueOrDefault(n)).FirstOrDefault(v => v is not null) ?? "";
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["user"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = user.Id,
                ["email"] = user.Email,
                ["department"] = Field("department"),
                ["employeeType"] = Field("employeeType", "userType"),
                ["title"] = Field("title", "jobTitle"),
                ["attributes"] = profile.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
            },
        };
    }
}
