using Cerby.Emulators.GitHub;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.GitHub;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>
/// The GitHub emulator on a free loopback port (organization "acme", team "platform"), and GitHub connectors pointed
/// at it with the login rule "jdoe@example.com ↔ jdoe". GitHub has two org roles, so the suite's admin and editor
/// both map to <c>admin</c> and its viewer to <c>member</c> (every role change the suite makes still crosses the two); it has no suspended state, and it cannot mark who provisioned a member.
/// </summary>
public sealed class GitHubConnectorFixture : IConnectorFixture, IAsyncLifetime
{
    public const string Organization = "acme";
    public const string TeamSlug = "platform";
    public const string SyncedTeamSlug = "idp-synced";
    private const string MemberList = "/orgs/acme/members";
    private const string WrongToken = "ghp_revokedPersonalAccessToken0000";
    private static readonly string[] Reads = ["GET"];
    private static readonly string[] Writes = ["PUT", "POST", "DELETE"];

    private readonly List<HttpClient> clients = [];
    private GitHubEmulator? emulator;

    internal GitHubEmulator Emulator => emulator ?? throw new InvalidOperationException("the fixture has not started");

    internal static GitHubLogins Logins { get; } = new("example.com");

    public static IReadOnlyList<AssetRef> Teams { get; } = [new(AssetKind.Team, TeamSlug)];

    public IReadOnlyList<string> NativeRoles { get; } = ["admin", "admin", "member"];

    public int PageSize => 10;

    public int MaxWritesPerChange => 1;

    public bool MarksManaged => false;

    public bool AddsByInvite => true;

    public IReadOnlyList<string> Secrets => [Emulator.Token, WrongToken];

    public async Task InitializeAsync()
    {
        emulator = await GitHubEmulator.StartAsync(Organization);
        SeedTeams();
    }

    public async Task DisposeAsync()
    {
        clients.ForEach(c => c.Dispose());
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    public Task ResetAsync()
    {
        Emulator.Org.Clear();
        Emulator.Faults.Clear();
        Emulator.Calls.Clear();
        SeedTeams();
        return Task.CompletedTask;
    }

    public IAppConnector CreateConnector(TimeProvider time, bool validCredentials = true) =>
        CreateGitHubConnector(time, validCredentials ? Emulator.Token : WrongToken);

    internal GitHubConnector CreateGitHubConnector(TimeProvider time, string? token = null, Func<GitHubConnectorOptions, GitHubConnectorOptions>? adjust = null)
    {
        var http = EdgeClients.Create(Emulator.BaseUrl.AbsoluteUri, token ?? Emulator.Token, TimeSpan.FromSeconds(30));
        lock (clients)
        {
            clients.Add(http);
        }

        var options = new GitHubConnectorOptions("engineering/github", Organization, Logins, Teams) { PageSize = PageSize };
        return new GitHubConnector(http, adjust?.Invoke(options) ?? options, time);
    }

    public Task<string> SeedAsync(PeerMember member) =>
        member.Active
            ? Task.FromResult(Emulator.Org.SeedMember(Logins.LoginOf(member.Email)!, member.NativeRole ?? "member"))
            : throw new NotSupportedException("GitHub has no suspended members");

    public async Task SeedManyAsync(IReadOnlyList<PeerMember> members)
    {
        foreach (var member in members)
        {
            await SeedAsync(member);
        }
    }

    public Task AcceptInviteAsync(string email)
    {
        Assert.True(Emulator.Org.Accept(Logins.LoginOf(email)!), $"no pending invitation for {email}");
        return Task.CompletedTask;
    }

    public Task<PeerMember?> InspectAsync(string email) =>
        Task.FromResult(Emulator.Org.Member(Logins.LoginOf(email)!) is { Pending: false } m ? new PeerMember(email.ToLowerInvariant(), m.Role) : null);

    public Task<int> WritesAsync() => Task.FromResult(Emulator.Calls.Writes);

    public Task InjectReadFaultAsync(PeerFault fault, int times = 1, int afterPages = 0)
    {
        // "After n pages" means a later page of the list: the role=admin list and the first page are let through.
        var later = afterPages > 0;
        Emulator.Faults.Inject(KindOf(fault), times, Reads, MemberList, skip: later ? afterPages - 1 : 0, laterPagesOnly: later || fault == PeerFault.PageLoop);
        return Task.CompletedTask;
    }

    public Task InjectWriteFaultAsync(PeerFault fault, int times = 1)
    {
        Emulator.Faults.Inject(KindOf(fault), times, Writes);
        return Task.CompletedTask;
    }

    private static GitHubFaultKind KindOf(PeerFault fault) => fault switch
    {
        PeerFault.Throttle => GitHubFaultKind.SecondaryLimit,
        PeerFault.ServerError => GitHubFaultKind.ServerError,
        PeerFault.MalformedBody => GitHubFaultKind.MalformedJson,
        PeerFault.PageLoop => GitHubFaultKind.PageLoop,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private void SeedTeams()
    {
        Emulator.Org.SeedTeam(TeamSlug);
        Emulator.Org.SeedTeam(SyncedTeamSlug, synced: true);
    }
}
