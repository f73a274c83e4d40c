using Cerby.Emulators.Okta;

namespace Cerby.Sandbox;

/// <summary>
/// The seed flows, one Okta change at a time, each followed by a wait (with a deadline) until the SCIM app holds
/// exactly the expected members and roles. After each step it prints how long that took, the app's members and the
/// new Kubernetes Events. Returns whether every step reached its expected state.
/// </summary>
internal sealed class SeedWalk(SandboxEnvironment sandbox, EventFeed events, TextWriter output)
{
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(5);

    /// <summary>The org before the manifests are applied: two groups, alice in Marketing Admins, carol in Marketing Editors.</summary>
    public static OrgIds Prepare(OktaOrg org)
    {
        var ids = new OrgIds(org.CreateGroup("Marketing Editors"), org.CreateGroup("Marketing Admins"), org.CreateUser("bob@acme.test"));
        org.AddToGroup(ids.Admins, org.CreateUser("alice@acme.test"));
        org.AddToGroup(ids.Editors, org.CreateUser("carol@acme.test"));
        return ids;
    }

    public async Task<bool> RunAsync(OrgIds ids, CancellationToken cancellationToken)
    {
        var org = sandbox.Okta.Org;
        WalkStep[] steps =
        [
            new("initial sync: alice is in Marketing Admins, carol in Marketing Editors", "alice", () => { },
                new() { ["alice@acme.test"] = "admin", ["carol@acme.test"] = "editor" }),
            new("seed 001: bob joins Marketing Editors → a seat with the team's role", "bob", () => org.AddToGroup(ids.Editors, ids.Bob),
                new() { ["alice@acme.test"] = "admin", ["carol@acme.test"] = "editor", ["bob@acme.test"] = "editor" }),
            new("seed 000: bob joins Marketing Admins too → the higher role", "bob", () => org.AddToGroup(ids.Admins, ids.Bob),
                new() { ["alice@acme.test"] = "admin", ["carol@acme.test"] = "editor", ["bob@acme.test"] = "admin" }),
            new("seed 004: bob leaves Marketing Admins → back to the lower role", "bob", () => org.RemoveFromGroup(ids.Admins, ids.Bob),
                new() { ["alice@acme.test"] = "admin", ["carol@acme.test"] = "editor", ["bob@acme.test"] = "editor" }),
            new("seed 004: bob is deactivated in Okta → removed from the app", "bob", () => org.Deactivate(ids.Bob),
                new() { ["alice@acme.test"] = "admin", ["carol@acme.test"] = "editor" }),
        ];

        var reachedAll = true;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            output.WriteLine();
            output.WriteLine($"[{i + 1}/{steps.Length}] {step.Title}");
            step.Change();
            IReadOnlyDictionary<string, ScimMember> members = new Dictionary<string, ScimMember>();
            var (reached, took) = await Deadline.WaitAsync(async ct =>
            {
                members = await sandbox.ScimMembers.ReadAsync(ct);
                return Matches(members, step.Expected) || (sandbox.Operator.HasExited
                    ? throw new InvalidOperationException($"the operator exited during step {i + 1}")
                    : false);
            }, StepDeadline, cancellationToken);
            output.WriteLine(reached
                ? $"  reached in {took.TotalSeconds:F2} s ({(i == 0 ? "manifests applied" : "Okta change")} → the SCIM app shows it)"
                : $"  NOT reached within {StepDeadline.TotalSeconds:0} s; expected {string.Join(", ", step.Expected.Select(e => $"{e.Key}={e.Value}"))}");
            output.WriteLine($"  app members: {(members.Count == 0 ? "(none)" : string.Join(", ", members.Values.OrderBy(m => m.UserName, StringComparer.Ordinal)))}");
            await PrintEventsAsync(step.Mentions, cancellationToken);
            reachedAll &= reached;
        }

        return reachedAll;
    }

    /// <summary>The app holds exactly the expected active members, with the expected roles.</summary>
    private static bool Matches(IReadOnlyDictionary<string, ScimMember> members, Dictionary<string, string> expected) =>
        members.Count == expected.Count
        && expected.All(e => members.TryGetValue(e.Key, out var m) && m.Active && string.Equals(m.Role, e.Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Prints the Events that are new; waits briefly (with a deadline) for one naming the step's user, as Events follow the app change.</summary>
    private async Task PrintEventsAsync(string mentions, CancellationToken cancellationToken)
    {
        var fresh = new List<string>();
        await Deadline.WaitAsync(async ct =>
        {
            fresh.AddRange(await events.NewEventsAsync(ct));
            return fresh.Any(e => e.Contains(mentions, StringComparison.OrdinalIgnoreCase));
        }, EventDeadline, cancellationToken);
        output.WriteLine(fresh.Count == 0 ? "  events: (none new)" : "  events:");
        foreach (var line in fresh)
        {
            output.WriteLine($"    {line}");
        }
    }

    /// <summary>The Okta ids the walk changes.</summary>
    internal sealed record OrgIds(string Editors, string Admins, string Bob);

    private sealed record WalkStep(string Title, string Mentions, Action Change, Dictionary<string, string> Expected);
}
