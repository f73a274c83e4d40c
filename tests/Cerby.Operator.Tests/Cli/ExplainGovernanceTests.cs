using System.Text.Json.Nodes;

namespace Cerby.Operator.Tests.Cli;

/// <summary>
/// <c>explain</c> on the governance example: what names the user but grants nothing, said as such: a share's scope
/// that excluded them (with the values it saw), a share that expired, a due AccessReview that revoked them.
/// </summary>
public sealed class ExplainGovernanceTests : IDisposable
{
    private const string Hub = "soc2-governance/crm";

    // The example, with the review past its due date and the lines the operator listed, and a share whose scope names a
    // custom attribute nobody has (unknown, never excluded).
    private readonly TempManifests _reviewed = new TempManifests().WithExample("governance")
        .With("access-review.yaml", File.ReadAllText(Path.Combine(RepoPaths.Examples("governance"), "access-review.yaml"))
            .Replace("dueDate: \"2026-12-31T17:00:00Z\"", "dueDate: \"2026-01-01T00:00:00Z\"", StringComparison.Ordinal) + """
            status:
              items:
                - { id: 3141f52756, hub: crm, user: alice.sales@acme.example, role: Viewer, via: team sales }
                - { id: 7fa7945358, hub: crm, user: carol.sales@acme.example, role: Viewer, via: team sales }
            """)
        .With("cost-center.yaml", """
            apiVersion: access.cerby.io/v1alpha1
            kind: TeamShare
            metadata: { name: sales-cost-center, namespace: soc2-governance }
            spec:
              hubRef: { name: crm }
              subject: { team: sales }
              role: Viewer
              scope: user.attributes.costCenter == "42"
            """);

    public static TheoryData<string, bool, string> Lines => new()
    {
        { "bob.contractor@acme.example", false, "excluded by scope of TeamShare soc2-governance/sales-viewers: user.employeeType != \"contractor\" (employeeType = \"contractor\")" },
        { "bob.contractor@acme.example", false, "Remove  Viewer  -   excluded by the scope of TeamShare soc2-governance/sales-viewers (user.employeeType != \"contractor\"), and no other share grants access" },
        { "dave.launch@acme.example", false, "TeamShare soc2-governance/launch-crew-editors expired at 2026-03-31T18:00:00Z (it granted Editor through team launch-crew)" },
        { "dave.launch@acme.example", false, "Remove  Editor  -   TeamShare soc2-governance/launch-crew-editors expired at 2026-03-31T18:00:00Z, and no other share grants access" },
        { "alice.sales@acme.example", true, "denied by AccessReview soc2-governance/q4-crm (line id 3141f52756, decision revoke by rita.manager@acme.example: moving to Finance in January, no longer needs the CRM)" },
        { "carol.sales@acme.example", true, "the scope of TeamShare soc2-governance/sales-cost-center could not be evaluated" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void The_text_says_what_names_the_user_but_grants_nothing(string user, bool reviewed, string line)
    {
        var result = CliResult.Run("explain", "--hub", Hub, "--user", user, reviewed ? _reviewed.Path : RepoPaths.Examples("governance"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains(line, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_has_a_field_per_kind_with_the_values_the_scope_saw()
    {
        JsonNode Explain(string user) =>
            JsonNode.Parse(CliResult.Run("explain", "--hub", Hub, "--user", user, _reviewed.Path, "-o", "json").Stdout)!;

        var bob = Explain("bob.contractor@acme.example");
        var scoped = bob["excludedByScope"]!.AsArray();
        Assert.Equal(2, scoped.Count); // the employeeType scope is false; the cost-center one cannot be evaluated
        Assert.Equal("TeamShare soc2-governance/sales-cost-center", scoped[0]!["share"]!.GetValue<string>());
        Assert.Equal("unknown", scoped[0]!["verdict"]!.GetValue<string>());
        Assert.Equal("TeamShare soc2-governance/sales-viewers", scoped[1]!["share"]!.GetValue<string>());
        Assert.Equal("excluded", scoped[1]!["verdict"]!.GetValue<string>());
        Assert.Equal("contractor", scoped[1]!["values"]!["employeeType"]!.GetValue<string>());
        Assert.Empty(bob["expired"]!.AsArray());
        Assert.Null(bob["deniedByReview"]);

        var dave = Explain("dave.launch@acme.example");
        var expired = Assert.Single(dave["expired"]!.AsArray())!;
        Assert.Equal("TeamShare soc2-governance/launch-crew-editors", expired["share"]!.GetValue<string>());
        Assert.Equal("Editor", expired["role"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2026-03-31T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture), expired["expiredAt"]!.GetValue<DateTimeOffset>());

        var alice = Explain("alice.sales@acme.example");
        var denied = alice["deniedByReview"]!;
        Assert.Equal("AccessReview soc2-governance/q4-crm", denied["review"]!.GetValue<string>());
        Assert.Equal("3141f52756", denied["lineId"]!.GetValue<string>());
        Assert.Equal("revoke", denied["decision"]!.GetValue<string>());
        Assert.Equal("rita.manager@acme.example", denied["reviewer"]!.GetValue<string>());
        Assert.DoesNotContain(alice["notes"]!.AsArray(), n => n!.GetValue<string>().StartsWith("revoked in AccessReview", StringComparison.Ordinal)); // said once
        Assert.DoesNotContain(alice["excludedByScope"]!.AsArray(), x => x!["verdict"]!.GetValue<string>() == "excluded");
    }

    public void Dispose() => _reviewed.Dispose();
}
