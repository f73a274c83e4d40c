namespace Cerby.Emulators.Okta;

/// <summary>
/// The single-clause <c>search</c>/<c>filter</c> expressions the emulator understands: <c>{attribute} eq "{value}"</c>
/// (e.g. <c>profile.name eq "Editors"</c>, <c>status eq "DEPROVISIONED"</c>), with <c>\"</c> and <c>\\</c> escapes.
/// Anything else is answered 400 E0000053 by the caller.
/// </summary>
internal sealed record OktaSearchExpression(string Attribute, string Value)
{
    public static OktaSearchExpression? TryParse(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        var parts = expression.Trim().Split(' ', 3);
        if (parts.Length != 3 || parts[1] != "eq" || parts[2].Length < 2 || parts[2][0] != '"' || parts[2][^1] != '"')
        {
            return null;
        }

        var value = parts[2][1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return new OktaSearchExpression(parts[0], value);
    }
}
