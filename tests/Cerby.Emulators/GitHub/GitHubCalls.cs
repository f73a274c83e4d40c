using System.Collections.Concurrent;

namespace Cerby.Emulators.GitHub;

/// <summary>Requests the GitHub emulator received (faulted ones included), by method and path.</summary>
internal sealed class GitHubCalls
{
    private readonly ConcurrentQueue<(string Method, string Path)> seen = new();

    /// <summary>Requests so far.</summary>
    public int Total => seen.Count;

    /// <summary>Requests other than GET (PUT, POST, DELETE, PATCH).</summary>
    public int Writes => seen.Count(c => c.Method != "GET");

    /// <summary>Requests whose path contains <paramref name="part"/>.</summary>
    public int Matching(string method, string part) => seen.Count(c => c.Method == method && c.Path.Contains(part, StringComparison.Ordinal));

    /// <summary>Requests with this method to exactly this path (no query).</summary>
    public int Exactly(string method, string path) => seen.Count(c => c.Method == method && c.Path == path);

    public void Clear() => seen.Clear();

    public void Record(string method, string path) => seen.Enqueue((method, path));
}
