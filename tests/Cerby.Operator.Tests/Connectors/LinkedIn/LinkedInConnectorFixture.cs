using Cerby.Emulators.LinkedIn;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.LinkedIn;

namespace Cerby.Operator.Tests.Connectors.LinkedIn;

/// <summary>
/// The LinkedIn emulator on a free loopback port with one ad account, and LinkedIn connectors pointed at it. LinkedIn
/// has no suspended state (inactive seeds are refused) and cannot mark who created a user (the managed flag is dropped).
/// </summary>
public sealed class LinkedInConnectorFixture : IConnectorFixture, IAsyncLifetime
{
    public const string AdAccountId = "516986977";
    private const string WrongToken = "AQV-revoked-linkedin-member-token";
    private readonly List<HttpClient> clients = [];
    private LinkedInEmulator? emulator;
    private FixturePeople? people;

    internal LinkedInEmulator Emulator => emulator ?? throw new InvalidOperationException("the fixture has not started");

    internal FixturePeople People => people ?? throw new InvalidOperationException("the fixture has not started");

    public IReadOnlyList<string> NativeRoles { get; } = ["ACCOUNT_MANAGER", "CAMPAIGN_MANAGER", "VIEWER"];

    public int PageSize => 10;

    public int MaxWritesPerChange => 1;

    public bool MarksManaged => false;

    public bool AddsByInvite => false;

    public IReadOnlyList<string> Secrets => [Emulator.AccessToken, WrongToken];

    public async Task InitializeAsync()
    {
        emulator = await LinkedInEmulator.StartAsync(AdAccountId);
        people = new FixturePeople(emulator.Account);
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
        Emulator.Reset();
        People.Clear();
        return Task.CompletedTask;
    }

    public Task AcceptInviteAsync(string email) => throw new NotSupportedException("LinkedIn has no invitations");

    public IAppConnector CreateConnector(TimeProvider time, bool validCredentials = true) =>
        CreateLinkedInConnector(time, validCredentials ? Emulator.AccessToken : WrongToken);

    internal LinkedInConnector CreateLinkedInConnector(TimeProvider time, string? token = null, Func<LinkedInConnectorOptions, LinkedInConnectorOptions>? adjust = null)
    {
        var http = EdgeClients.Create(Emulator.BaseUrl.AbsoluteUri, token ?? Emulator.AccessToken, TimeSpan.FromSeconds(30));
        lock (clients)
        {
            clients.Add(http);
        }

        var options = new LinkedInConnectorOptions("marketing/linkedin-ads", AdAccountId, People) { PageSize = PageSize };
        return new LinkedInConnector(http, adjust?.Invoke(options) ?? options, time);
    }

    public Task<string> SeedAsync(PeerMember member)
    {
        if (!member.Active)
        {
            throw new NotSupportedException("LinkedIn has no suspended ad account users");
        }

        var urn = People.Declare(member.Email);
        Emulator.Account.Seed(urn, member.NativeRole ?? "VIEWER");
        return Task.FromResult(urn);
    }

    public async Task SeedManyAsync(IReadOnlyList<PeerMember> members)
    {
        foreach (var member in members)
        {
            await SeedAsync(member);
        }
    }

    public Task<PeerMember?> InspectAsync(string email) =>
        Task.FromResult(Emulator.Account.Get(FixturePeople.UrnOf(email)) is { } user ? new PeerMember(email.ToLowerInvariant(), user.Role) : null);

    public Task<int> WritesAsync() => Task.FromResult(Emulator.Calls.Writes);

    public Task InjectReadFaultAsync(PeerFault fault, int times = 1, int afterPages = 0)
    {
        // A page loop shows only from the second page on.
        var skip = fault == PeerFault.PageLoop ? Math.Max(afterPages, 1) : afterPages;
        Emulator.Faults.Inject(KindOf(fault), forReads: true, times, skip);
        return Task.CompletedTask;
    }

    public Task InjectWriteFaultAsync(PeerFault fault, int times = 1)
    {
        Emulator.Faults.Inject(KindOf(fault), forReads: false, times);
        return Task.CompletedTask;
    }

    private static LinkedInFaultKind KindOf(PeerFault fault) => fault switch
    {
        PeerFault.Throttle => LinkedInFaultKind.Throttle,
        PeerFault.ServerError => LinkedInFaultKind.ServerError,
        PeerFault.MalformedBody => LinkedInFaultKind.MalformedJson,
        PeerFault.PageLoop => LinkedInFaultKind.PageLoop,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };
}
