namespace Cerby.Operator.Tests.Cli;

/// <summary>The command dispatcher: known commands run, anything else prints usage.</summary>
public sealed class ProgramTests
{
    [Fact]
    public void Unknown_command_prints_usage_and_exits_2()
    {
        var (exitCode, stdout, stderr) = Dispatch("deploy");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith("unknown command \"deploy\"", stderr, StringComparison.Ordinal);
        Assert.Contains("usage: cerby-operator <command>", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    public void Help_lists_the_commands(params string[] args)
    {
        var (exitCode, stdout, _) = Dispatch(args);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"(?m)^  plan\s", stdout);
        Assert.Matches(@"(?m)^  crds\s", stdout);
    }

    [Fact]
    public void Plan_is_dispatched_with_the_remaining_arguments()
    {
        var (exitCode, stdout, _) = Dispatch("plan", RepoPaths.Examples("001-provision"), "--exit-code");

        Assert.Equal(3, exitCode);
        Assert.Contains("BusinessHub seed-001/meta-marketing", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Crds_is_dispatched_with_the_remaining_arguments()
    {
        var (exitCode, _, stderr) = Dispatch("crds", "--check", Path.Combine(RepoPaths.Root, "crds"));

        Assert.True(exitCode == 0, stderr);
    }

    private static (int ExitCode, string Stdout, string Stderr) Dispatch(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = Program.Dispatch(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
