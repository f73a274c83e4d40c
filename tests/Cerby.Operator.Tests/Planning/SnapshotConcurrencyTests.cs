using System.Diagnostics;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Identity changes arrive while hubs plan: every plan must come from one snapshot of the world. Hammers a shared
/// snapshot for two seconds from several threads: one applies membership and lifecycle changes, the others plan the hub
/// and check that what they read is one consistent state (never a half-applied change, never "Collection was modified").
/// </summary>
public sealed class SnapshotConcurrencyTests
{
    private static readonly TimeSpan Hammer = TimeSpan.FromSeconds(2);
    private static readonly string IdpKey = PlanningWorld.Key(PlanningWorld.Idp);

    [Fact]
    public async Task Plans_read_one_snapshot_while_identity_changes_arrive()
    {
        var world = new PlanningWorld().Hub("a").Users("alice", "bob", "carol")
            .Group("editors", "alice").TeamShare("ea", "editors", "Editor", "a")
            .UserShare("bob-a", "bob@example.com", "Viewer", "a");
        var shared = world.Model();
        var changes = new[]
        {
            IdentityChange.Group(IdpKey, Group("alice", "carol")),
            IdentityChange.User(IdpKey, User("bob", UserLifecycle.Suspended)),
            IdentityChange.Group(IdpKey, Group("alice")),
            IdentityChange.User(IdpKey, User("bob", UserLifecycle.Active)),
        };
        var app = world.Actual("a");
        var deadline = Stopwatch.StartNew();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var (writes, plans) = (0, 0);

        // Own threads (not the pool, which other tests may hold), and at least 50 changes and 50 plans even on a slow machine.
        bool Hammering() => failures.IsEmpty && deadline.Elapsed < Hammer * 5
            && (deadline.Elapsed < Hammer || Volatile.Read(ref writes) < 50 || Volatile.Read(ref plans) < 50);
        var writer = Task.Factory.StartNew(() =>
        {
            for (var i = 0; Hammering(); i++)
            {
                Publish(ref shared, changes[i % changes.Length]);
                Interlocked.Increment(ref writes);
            }
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(() =>
        {
            while (Hammering())
            {
                try
                {
                    var snapshot = Volatile.Read(ref shared);
                    var desired = snapshot.Desired("default/a");
                    var plan = AccessPlanner.Plan(snapshot.Hubs["default/a"], desired, app);
                    var again = snapshot.Desired("default/a");
                    if (Inconsistency(desired, again, plan) is { } problem)
                    {
                        failures.Enqueue(problem);
                    }

                    Interlocked.Increment(ref plans);
                }
                catch (Exception e)
                {
                    failures.Enqueue($"{e.GetType().Name}: {e.Message}");
                }
            }
        }, TaskCreationOptions.LongRunning)).ToList();

        await Task.WhenAll([writer, .. readers]).WaitAsync(Hammer * 10);

        Assert.Empty(failures);
        Assert.True(writes >= 50 && plans >= 50, $"the hammering ran ({writes} changes, {plans} plans)");
    }

    /// <summary>What a plan read that no single snapshot could give, or null.</summary>
    private static string? Inconsistency(DesiredAccess desired, DesiredAccess again, AccessPlan plan)
    {
        var members = desired.Members.Keys.Order(StringComparer.Ordinal).ToList();
        if (!members.SequenceEqual(again.Members.Keys.Order(StringComparer.Ordinal)) || !desired.Inactive.Keys.Order().SequenceEqual(again.Inactive.Keys.Order()))
        {
            return $"one snapshot gave two answers: [{string.Join(", ", members)}] then [{string.Join(", ", again.Members.Keys)}]";
        }

        var bob = PlanningWorld.Email("bob");
        if (desired.Members.ContainsKey(bob) == desired.Inactive.ContainsKey(bob))
        {
            return $"bob is {(desired.Members.ContainsKey(bob) ? "both a member and inactive" : "neither a member nor inactive")}";
        }

        if (!desired.Members.ContainsKey(PlanningWorld.Email("alice")) || members.Except([PlanningWorld.Email("alice"), bob, PlanningWorld.Email("carol")]).Any())
        {
            return $"members no change gives: [{string.Join(", ", members)}]";
        }

        var added = plan.Changes.Select(c => c.UserKey).Order(StringComparer.Ordinal).ToList();
        return added.SequenceEqual(members) ? null : $"the plan adds [{string.Join(", ", added)}] for members [{string.Join(", ", members)}]";
    }

    private static void Publish(ref AccessModel shared, IdentityChange change) =>
        Volatile.Write(ref shared, Volatile.Read(ref shared).Apply(change).Model);

    private static IdpGroup Group(params string[] members) =>
        new(PlanningWorld.GroupId("editors"), "editors", MembershipState.Known, [.. members.Select(PlanningWorld.UserId)], PlanningWorld.Now);

    private static IdpUser User(string name, UserLifecycle lifecycle) =>
        new(PlanningWorld.UserId(name), PlanningWorld.Email(name), lifecycle, new Dictionary<string, string>());
}
