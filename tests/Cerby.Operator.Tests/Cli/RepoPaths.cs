namespace Cerby.Operator.Tests.Cli;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding Cerby.Operator.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The examples folder, or one example in it.</summary>
    public static string Examples(string subfolder = "") => Path.Combine(Root, "examples", subfolder);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cerby.Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Cerby.Operator.sln above {AppContext.BaseDirectory}.");
    }
}
