namespace Cerby.Sandbox;

/// <summary>Folders of the repository the sandbox runs from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Crds => Path.Combine(Root, "crds");

    public static string Templates => Path.Combine(Root, "examples", "sandbox");

    public static string ScimApp => Path.Combine(Root, "tests", "scim-app");

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cerby.Operator.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"run the sandbox from inside the repository: no Cerby.Operator.sln above {Environment.CurrentDirectory}");
    }
}
