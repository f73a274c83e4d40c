using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Cerby.Operator.Bench.Benchmarks;

/// <summary>
/// One process per benchmark, 3 warm-ups and 10 measured iterations: stable enough, about a minute in all.
/// Results go to bench/Cerby.Operator.Bench/BenchmarkDotNet.Artifacts whatever the working directory.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Short"));
        if (ProjectDirectory() is { } directory)
        {
            WithArtifactsPath(Path.Combine(directory, "BenchmarkDotNet.Artifacts"));
        }
    }

    /// <summary>The directory of Cerby.Operator.Bench.csproj, found upwards from the running assembly.</summary>
    private static string? ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cerby.Operator.Bench.csproj")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
