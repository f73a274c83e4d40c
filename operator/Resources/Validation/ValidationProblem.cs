namespace Cerby.Operator.Resources.Validation;

/// <summary>Something wrong with a declared resource that the schema cannot catch (it needs other resources to tell).</summary>
/// <param name="Kind">The resource's kind.</param>
/// <param name="Key">namespace/name.</param>
/// <param name="Field">The field at fault, e.g. spec.role.</param>
/// <param name="Message">What is wrong and what would be right.</param>
public sealed record ValidationProblem(string Kind, string Key, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Key}: {Field}: {Message}";
}
