using System.Globalization;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Governance through kubectl against Okta and the SCIM app: a share that expires takes away the access only it
/// justified at its expiry instant (with a warning before, a metric, Ready=False Expired and an EXPIRES column); a scope
/// leaves contractors out; an access review's revoke decision removes that user at the due date, and deleting the
/// review gives the access back.
/// </summary>
public sealed class GovernanceTests : EndToEndTest
{
    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    private static string At(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Expired_share_removes_the_access_only_it_justified_and_a_scope_leaves_contractors_out()
    {
        const string ns = "e2e-expiry";
        var org = Sandbox.Org;
        var (temps, editors) = (org.CreateGroup("Temps"), org.CreateGroup("Editors"));
        var hana = org.CreateUser("hana@acme.test", profile: ("employeeType", "employee"));
        var ivan = org.CreateUser("ivan@acme.test", profile: ("employeeType", "employee"));
        var carl = org.CreateUser("carl@acme.test", profile: ("employeeType", "contractor"));
        org.AddToGroup(temps, hana);
        org.AddToGroup(temps, ivan);
        org.AddToGroup(editors, ivan);
        org.AddToGroup(editors, carl);
        var editorsShare = OperatorSandbox.Share(ns, "editors", "Editor", team: "editors").TrimEnd() + "\n  scope: 'user.employeeType != \"contractor\"'\n";
        await Sandbox.ApplyAsync(Sandbox.Basics(ns) + OperatorSandbox.Binding(ns, "temps", "Temps") + OperatorSandbox.Binding(ns, "editors", "Editors")
            + OperatorSandbox.Share(ns, "temps", "Admin", team: "temps") + editorsShare);
        await Sandbox.WaitForSeatsAsync(s => s.Count == 2 && s.Values.All(x => x.Role == "admin"), "hana and ivan admins; carl (a contractor) left out by the scope");

        // A scope that does not compile: the share is not Ready (InvalidScope, with the compiler's message) and grants nothing new
        // (as an invalid share, it would keep what carl has: he has nothing).
        await Sandbox.ApplyAsync(OperatorSandbox.Share(ns, "broken", "Viewer", user: "carl@acme.test").TrimEnd() + "\n  scope: 'user.employeeType !='\n");
        await Eventually.TrueAsync(async () => (await Sandbox.GetAsync<TeamShare>(ns, TeamShare.Plural, "broken")).Status?.Conditions
            .Any(c => c is { Type: "Ready", Status: ConditionStatus.False, Reason: "InvalidScope" } && c.Message.Contains("spec.scope", StringComparison.Ordinal)) == true,
            "broken Ready=False InvalidScope", TimeSpan.FromSeconds(30));
        Assert.False((await Sandbox.ScimSeatsAsync()).ContainsKey("carl@acme.test"));

        // Both bounds at once are refused at admission.
        var both = OperatorSandbox.Share(ns, "temps", "Admin", team: "temps").TrimEnd() + "\n  expiresAt: \"2030-01-01T00:00:00Z\"\n  duration: 1h\n";
        var file = Path.Combine(Path.GetTempPath(), $"cerby-e2e-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, both);
        Assert.Contains("set at most one of expiresAt or duration", (await Sandbox.Kubectl.RunAsync("apply", "-f", file)).Failed(), StringComparison.Ordinal);
        File.Delete(file);

        var expiresAt = WholeSeconds(DateTimeOffset.UtcNow.AddSeconds(15));
        await Sandbox.ApplyAsync(OperatorSandbox.Share(ns, "temps", "Admin", team: "temps").TrimEnd() + $"\n  expiresAt: \"{At(expiresAt)}\"\n");
        await WaitForEventAsync(ns, "ShareExpiring", $"TeamShare {ns}/temps expires at");
        Assert.Contains(At(expiresAt)[..16], await Sandbox.KubectlAsync("get", "teamshares", "-n", ns), StringComparison.Ordinal); // the EXPIRES column
        Assert.Contains($"cerby_share_expiry_timestamp_seconds{{namespace=\"{ns}\",share=\"temps\",hub=\"{OperatorSandbox.ScimHub}\"}} {expiresAt.ToUnixTimeSeconds()}",
            await Sandbox.MetricsAsync(), StringComparison.Ordinal);
        var seatsBefore = await Sandbox.ScimSeatsAsync();
        if (DateTimeOffset.UtcNow < expiresAt.AddSeconds(-1)) // a slow machine may already be past it: then only the outcome below is checked
        {
            Assert.Equal(2, seatsBefore.Count(s => s.Value.Active)); // nothing taken before the instant
        }

        var seats = await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("hana@acme.test") && s.GetValueOrDefault("ivan@acme.test")?.Role == "editor",
            "at expiry: hana (only the temps share) removed, ivan lowered to editor (the editors share)", TimeSpan.FromSeconds(60));
        Assert.False(seats.ContainsKey("carl@acme.test"));
        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
        await WaitForEventAsync(ns, "UserDeprovisioned", "hana@acme.test", $"TeamShare {ns}/temps expired at {At(expiresAt)}"); // the Event names the share
        await WaitForEventAsync(ns, "RoleChanged", "ivan@acme.test", $"TeamShare {ns}/temps expired at {At(expiresAt)}, and no other share grants Admin");
        await Eventually.TrueAsync(async () => (await Sandbox.GetAsync<TeamShare>(ns, TeamShare.Plural, "temps")).Status?.Conditions
            .Any(c => c is { Type: "Ready", Status: ConditionStatus.False, Reason: "Expired" }) == true, "temps Ready=False Expired", TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await Sandbox.GetAsync<TeamShare>(ns, TeamShare.Plural, "temps")).Status!.GrantedUsers);
    }

    [Fact]
    public async Task Review_revoke_removes_that_user_at_the_due_date_and_deleting_the_review_gives_it_back()
    {
        const string ns = "e2e-review";
        var org = Sandbox.Org;
        var editors = org.CreateGroup("Editors");
        org.AddToGroup(editors, org.CreateUser("hana@acme.test"));
        org.AddToGroup(editors, org.CreateUser("ivan@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(ns) + OperatorSandbox.Binding(ns, "editors", "Editors") + OperatorSandbox.Share(ns, "editors", "Editor", team: "editors"));
        var before = await Sandbox.WaitForSeatsAsync(s => s.Count == 2 && s.Values.All(x => x.Role == "editor" && x.Active), "hana and ivan editors");

        var due = WholeSeconds(DateTimeOffset.UtcNow.AddSeconds(25));
        string Review(string decisions) => $$"""
            apiVersion: access.cerby.io/v1alpha1
            kind: AccessReview
            metadata:
              name: q4
              namespace: {{ns}}
            spec:
              hubRef: { name: {{OperatorSandbox.ScimHub}} }
              dueDate: "{{At(due)}}"
              reviewers: [rita@acme.test]
              onMissing: keep
              decisions: {{decisions}}
            """;
        await Sandbox.ApplyAsync(Review("[]"));
        AccessReview review = null!;
        await Eventually.TrueAsync(async () => (review = await Sandbox.GetAsync<AccessReview>(ns, AccessReview.Plural, "q4")).Status?.Items.Count == 2,
            "the review lists hana and ivan", TimeSpan.FromSeconds(30));
        var ivanLine = review.Status!.Items.Single(i => i.User == "ivan@acme.test");
        Assert.Equal(("Editor", OperatorSandbox.ScimHub), (ivanLine.Role, ivanLine.Hub));
        Assert.Contains("team editors", ivanLine.Via, StringComparison.Ordinal);
        Assert.Contains($"cerby_access_review_open{{namespace=\"{ns}\",review=\"q4\"}} 1", await Sandbox.MetricsAsync(), StringComparison.Ordinal);

        await Sandbox.ApplyAsync(Review($"[{{ id: \"{ivanLine.Id}\", decision: revoke, reviewer: rita@acme.test, comment: left the project }}]"));
        var seatsBeforeDue = await Sandbox.ScimSeatsAsync();
        if (DateTimeOffset.UtcNow < due.AddSeconds(-1)) // a slow machine may already be past it: then only the outcome below is checked
        {
            Assert.True(seatsBeforeDue.ContainsKey("ivan@acme.test")); // a decision before the due date changes nothing
        }

        var seats = await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("ivan@acme.test") || !s["ivan@acme.test"].Active, "ivan removed at the due date", TimeSpan.FromSeconds(60));
        Assert.True(DateTimeOffset.UtcNow >= due);
        Assert.Equal(before["hana@acme.test"].Id, seats["hana@acme.test"].Id); // hana (no decision, onMissing keep) keeps her seat
        await WaitForEventAsync(ns, "ReviewDue", "1 revoked", "ivan@acme.test");
        await WaitForEventAsync(ns, "UserDeprovisioned", "ivan@acme.test", "revoked in AccessReview e2e-review/q4");
        await Eventually.TrueAsync(async () => (review = await Sandbox.GetAsync<AccessReview>(ns, AccessReview.Plural, "q4")).Status!.Conditions
            .Any(c => c is { Type: "Overdue", Status: ConditionStatus.True }), "review Overdue (hana undecided)", TimeSpan.FromSeconds(30));
        Assert.Equal(1, review.Status!.RevokedCount);
        Assert.Contains($"cerby_access_review_overdue_lines{{namespace=\"{ns}\",review=\"q4\"}} 1", await Sandbox.MetricsAsync(), StringComparison.Ordinal);

        await Sandbox.KubectlAsync("delete", "accessreview", "q4", "-n", ns);
        await Sandbox.WaitForSeatsAsync(s => s.GetValueOrDefault("ivan@acme.test") is { Active: true, Role: "editor" }, "ivan back once the review is deleted", TimeSpan.FromSeconds(60));
    }
}
