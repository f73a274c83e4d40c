namespace Cerby.Operator.Cli;

/// <summary>A decoded manifest with the document it came from, so later errors can point at its lines.</summary>
internal sealed record Located<T>(T Value, ManifestDocument Document);
