using System.Diagnostics;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Bench.World;

/// <summary>Managed bytes the world keeps alive, measured with full collections between the steps that build it.</summary>
internal sealed record WorldFootprint(long DeclaredAndIdentityBytes, long ActualBytes)
{
    public long TotalBytes => DeclaredAndIdentityBytes + ActualBytes;
}

/// <summary>
/// Everything the planner is given, built once and deterministically from <see cref="WorldShape.Seed"/>: the declared
/// resources, the IdP snapshot, each app's actual members, and the membership changes the incremental measure applies.
/// </summary>
internal sealed class BenchWorld
{
    private BenchWorld(WorldShape shape, DeclaredState declared, IdentitySnapshot identity, DateTimeOffset now)
    {
        Shape = shape;
        Declared = declared;
        Identity = identity;
        Now = now;
    }

    public const string IdpKey = DeclaredFactory.Namespace + "/" + DeclaredFactory.IdpName;

    public WorldShape Shape { get; }

    public DeclaredState Declared { get; }

    public IdentitySnapshot Identity { get; }

    /// <summary>The moment staleness is judged against; groups were read two minutes before.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Each app's members, by hub key.</summary>
    public IReadOnlyDictionary<string, ActualAccess> Actual { get; private set; } = new Dictionary<string, ActualAccess>();

    public IReadOnlyList<MembershipChange> Changes { get; private set; } = [];

    public WorldFootprint? Footprint { get; private set; }

    public TimeSpan BuildTime { get; private set; }

    /// <param name="measure">Also measure the retained size (forces full collections; a little slower).</param>
    public static BenchWorld Create(WorldShape shape, bool measure = false)
    {
        var started = Stopwatch.GetTimestamp();
        var baseline = measure ? GC.GetTotalMemory(true) : 0;
        var random = new Random(shape.Seed);
        var now = new DateTimeOffset(2025, 6, 11, 9, 0, 0, TimeSpan.Zero);
        var directory = IdentityFactory.Create(shape, IdpKey, now, random);
        var identity = new IdentitySnapshot(new Dictionary<string, IdpDirectory>(StringComparer.Ordinal) { [IdpKey] = directory });
        var world = new BenchWorld(shape, DeclaredFactory.Create(shape, random), identity, now);
        var afterDeclared = measure ? GC.GetTotalMemory(true) : 0;

        world.DeriveFromModel(directory, random);
        if (measure)
        {
            var afterActual = GC.GetTotalMemory(true);
            world.Footprint = new WorldFootprint(afterDeclared - baseline, afterActual - afterDeclared);
        }

        world.BuildTime = Stopwatch.GetElapsedTime(started);
        return world;
    }

    /// <summary>The app state and the membership changes, both derived from a model of the world that is then dropped.</summary>
    private void DeriveFromModel(IdpDirectory directory, Random random)
    {
        var model = AccessModel.Build(Declared, Identity, Now);
        if (model.Problems.Count > 0)
        {
            throw new InvalidOperationException($"the benchmark world is invalid: {model.Problems[0]}");
        }

        var users = directory.Users.Values.ToList();
        Actual = ActualFactory.Create(model, users, Shape, random);
        Changes = PickChanges(model, directory, users, Shape, random);
    }

    /// <summary>Adds of an active user to a group that feeds at least one hub (a change nobody plans for is not a measure).</summary>
    private static List<MembershipChange> PickChanges(AccessModel model, IdpDirectory directory, List<IdpUser> users, WorldShape shape, Random random)
    {
        var changes = new List<MembershipChange>(shape.MembershipChanges);
        var groups = directory.Groups.Values.ToList();
        while (changes.Count < shape.MembershipChanges)
        {
            var group = groups[random.Next(groups.Count)];
            var team = $"{DeclaredFactory.Namespace}/{DeclaredFactory.TeamName(int.Parse(group.Id.AsSpan(3), provider: null))}";
            var user = users[random.Next(users.Count)];
            if (model.HubsUsingTeam(team).Count == 0 || user.Lifecycle != UserLifecycle.Active || group.MemberIds.Contains(user.Id))
            {
                continue;
            }

            changes.Add(new MembershipChange(group, group with { MemberIds = [.. group.MemberIds, user.Id] }));
        }

        return changes;
    }
}
