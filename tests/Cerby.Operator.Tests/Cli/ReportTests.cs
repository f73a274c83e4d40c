namespace Cerby.Operator.Tests.Cli;

/// <summary><c>report</c> on the seed examples: every member with role, assets, justification and since when known.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("cerby-report-");

    public void Dispose() => _out.Delete(recursive: true);

    [Fact]
    public void Csv_lists_every_member_with_role_assets_justification_paths_and_known_since()
    {
        var result = CliResult.Run("report", RepoPaths.Examples("001-provision"), "--format", "csv");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("hub,email,state,role,nativeRole,assets,justification,paths,managed,knownSince", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(
            "seed-001/meta-marketing,bruno.editor@acme.example,active,Editor,EMPLOYEE,\"adAccount/act_2874619305721846 ADVERTISE+ANALYZE, page/104729384756201 ADVERTISE+ANALYZE\","
            + "Editor via team marketing-editors (TeamShare seed-001/marketing-editors),"
            + "TeamShare seed-001/marketing-editors → team marketing-editors ← group Marketing Editors (00g7e3d9t1r5s2x8c4v6) in IdentityProvider seed-001/okta (IdpGroupBinding seed-001/marketing-editors),"
            + "true,2026-04-20T14:02:00Z",
            lines[2]);
        Assert.StartsWith("seed-001/meta-marketing,dana.newhire@acme.example,not in the app yet,Editor,EMPLOYEE,", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",false,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_per_hub_files_flag_members_nothing_justifies()
    {
        var result = CliResult.Run("report", RepoPaths.Examples("002-invite-drift"), "--out", _out.FullName);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var file = Path.Combine(_out.FullName, "seed-002_meta-social.md");
        Assert.Equal(file, result.Stdout.Trim());
        var text = File.ReadAllText(file);
        Assert.StartsWith("# Access report: BusinessHub seed-002/meta-social (meta)", text, StringComparison.Ordinal);
        Assert.Contains("| email | state | role | nativeRole | assets | justification | paths | managed | knownSince |", text, StringComparison.Ordinal);
        Assert.Matches(@"\| uma\.byhand@acme\.example \| active \| Admin \| ADMIN \| [^|]*\| none: not justified by any share and not provisioned by the operator \(drift\) \|", text);
        Assert.Matches(@"\| victor\.removed@acme\.example \| active \| Editor \| EMPLOYEE \| [^|]*\| none: no share justifies this member any more", text);
        Assert.Contains("without a justification.", text, StringComparison.Ordinal);
    }
}
