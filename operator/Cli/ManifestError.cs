namespace Cerby.Operator.Cli;

/// <summary>Something wrong in an input file, printed as <c>file:line: field: message</c>.</summary>
/// <param name="File">The file as the user named it (the folder argument joined with the path below it).</param>
/// <param name="Line">1-based line of the field, or of the nearest enclosing field that exists.</param>
/// <param name="Field">JSON path of the field at fault, e.g. spec.roles[1].name; empty for YAML syntax errors.</param>
internal sealed record ManifestError(string File, int Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Field.Length == 0 ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Field}: {Message}";
}
