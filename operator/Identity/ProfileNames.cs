using System.Collections.Concurrent;

namespace Cerby.Operator.Identity;

/// <summary>
/// Profile attribute names repeat in every user's profile (email, login, firstName, …): read from JSON, each user would
/// hold its own copy of each name. Names go through here so that every profile holds the one shared string: at 100,000
/// users that is about a million strings fewer. Bounded: past <see cref="MaxNames"/> distinct names (an unusual or
/// hostile schema, e.g. a SCIM client inventing attribute names), a name is kept as it came, never added.
/// </summary>
internal static class ProfileNames
{
    /// <summary>Distinct names shared at most (a schema has tens to hundreds).</summary>
    public const int MaxNames = 4096;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    /// <summary>The shared string equal to <paramref name="name"/> (or the name itself, once the table is full).</summary>
    public static string Shared(string name) =>
        Names.TryGetValue(name, out var shared) ? shared
        : Names.Count < MaxNames ? Names.GetOrAdd(name, name)
        : name;
}
