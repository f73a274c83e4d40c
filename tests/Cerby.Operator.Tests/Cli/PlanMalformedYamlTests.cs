namespace Cerby.Operator.Tests.Cli;

/// <summary>
/// YAML that YamlDotNet fails on without a <c>YamlException</c> (its scanner throws InvalidOperationException on some
/// unclosed flow mappings), or that expands without end through aliases, is an input error naming file and line, with
/// exit code 1, never a stack trace or a crash.
/// </summary>
public sealed class PlanMalformedYamlTests : IDisposable
{
    private readonly TempManifests _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Collections_nested_without_end_are_an_error_not_a_stack_overflow()
    {
        _folder.With("deep.yaml", "kind: TeamShare\nspec: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        var result = CliResult.Plan(_folder.Display("deep.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{_folder.Display("deep.yaml")}:2: YAML syntax: collections nested deeper than 200 levels", result.ErrorLines[0]);
    }

    [Fact]
    public void An_unclosed_flow_mapping_names_the_file_the_line_and_where_the_mapping_opened()
    {
        _folder.With("share.yaml", """
            kind: TeamShare
            spec:
              hubRef: {name: hub-h
              role: Viewer

            """);

        var result = CliResult.Plan(_folder.Display("share.yaml"));

        Assert.Equal(1, result.ExitCode);
        var error = result.ErrorLines[0];
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(_folder.Display("share.yaml"))}:[34]: YAML syntax: ", error);
        Assert.Contains("the flow mapping '{' opened at line 3 is not closed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("plan: 1 error; nothing was planned", result.ErrorLines[^1]);
    }

    [Theory]
    [InlineData("a: &x {b: *x}\n", "an alias refers to a node that contains it")]
    [InlineData("a: &x [1, *x]\n", "an alias refers to a node that contains it")]
    [InlineData("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n", "expands to more than")]
    [InlineData("kind: TeamShare\nspec: {hubRef: {name: h, role: [a, b}\n", "YAML syntax")]
    [InlineData("kind: TeamShare\nspec: [a, {b: c]\n", "YAML syntax")]
    [InlineData("kind: TeamShare\nspec:\n  a: {b: [c: d\n  e: f\n", "YAML syntax")]
    [InlineData("kind: TeamShare\nspec: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n", "nested deeper than 200 levels")]
    public void Malformed_or_self_referencing_yaml_is_an_input_error(string yaml, string message)
    {
        _folder.With("bad.yaml", yaml);

        var result = CliResult.Plan(_folder.Display("bad.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(_folder.Display("bad.yaml") + ":", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }
}
