using Cerby.Emulators.Meta;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.Meta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>
/// The Meta emulator on a free loopback port, with one page and one ad account, and Meta connectors pointed at it.
/// Meta has no suspended state, so inactive seeds are refused; it cannot mark who provisioned a member, so the managed
/// flag of a seed is dropped (the reconciler's ledger, not Meta, knows it).
/// </summary>
public sealed class MetaConnectorFixture : IConnectorFixture, IAsyncLifetime
{
    public const string BusinessId = "1234567890";
    public const string PageId = "104776123456789";
    public const string AdAccountId = "act_2233445566";
    private const string MemberList = "/business_users";
    private const string WrongToken = "EAAB-revoked-system-user-token";
    private static readonly string[] WriteMethods = ["POST", "DELETE"];

    private readonly List<HttpClient> clients = [];
    private MetaEmulator? emulator;

    /// <summary>The running emulator.</summary>
    internal MetaEmulator Emulator => emulator ?? throw new InvalidOperationException("the fixture has not started");

    /// <summary>The managed assets every connector reads.</summary>
    public static IReadOnlyList<AssetRef> Assets { get; } = [new(AssetKind.Page, PageId), new(AssetKind.AdAccount, AdAccountId)];

    public IReadOnlyList<string> NativeRoles { get; } = ["ADMIN", "FINANCE_EDITOR", "EMPLOYEE"];

    public int PageSize => 10;

    public int MaxWritesPerChange => 1;

    public IReadOnlyList<string> Secrets => [Emulator.AccessToken, WrongToken];

    public async Task InitializeAsync()
    {
        emulator = await MetaEmulator.StartAsync(BusinessId);
        SeedAssets();
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
        Emulator.Business.Clear();
        Emulator.Faults.Clear();
        Emulator.Calls.Clear();
        SeedAssets();
        return Task.CompletedTask;
    }

    public IAppConnector CreateConnector(TimeProvider time, bool validCredentials = true) =>
        CreateMetaConnector(time, validCredentials ? Emulator.AccessToken : WrongToken);

    /// <summary>A connector with the fixture's page size and assets, and whatever else <paramref name="adjust"/> changes.</summary>
    internal MetaConnector CreateMetaConnector(TimeProvider time, string? token = null, Func<MetaConnectorOptions, MetaConnectorOptions>? adjust = null, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = Emulator.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        lock (clients)
        {
            clients.Add(http);
        }

        var options = new MetaConnectorOptions("marketing/meta-main", BusinessId, Assets) { PageSize = PageSize };
        return new MetaConnector(http, token ?? Emulator.AccessToken, adjust?.Invoke(options) ?? options, time);
    }

    public Task<string> SeedAsync(PeerMember member)
    {
        if (!member.Active)
        {
            throw new NotSupportedException("Meta has no suspended members");
        }

        return Task.FromResult(Emulator.Business.SeedUser(member.Email, member.NativeRole ?? "EMPLOYEE"));
    }

    public async Task SeedManyAsync(IReadOnlyList<PeerMember> members)
    {
        foreach (var member in members)
        {
            await SeedAsync(member);
        }
    }

    public bool MarksManaged => false;

    public bool AddsByInvite => true;

    public Task AcceptInviteAsync(string email)
    {
        Emulator.Business.AcceptInvite(email);
        return Task.CompletedTask;
    }

    public Task<PeerMember?> InspectAsync(string email) =>
        Task.FromResult(Emulator.Business.UserByEmail(email) is { } user ? new PeerMember(user.Email!, user.Role) : null);

    public Task<int> WritesAsync() => Task.FromResult(Emulator.Calls.Writes);

    public Task InjectReadFaultAsync(PeerFault fault, int times = 1, int afterPages = 0)
    {
        // A page loop shows only from the second page on: the first page cannot be "the first page again".
        var skip = fault == PeerFault.PageLoop ? Math.Max(afterPages, 1) : afterPages;
        Emulator.Faults.Inject(MetaFaultOf(fault), times, ["GET"], MemberList, skip);
        return Task.CompletedTask;
    }

    public Task InjectWriteFaultAsync(PeerFault fault, int times = 1)
    {
        Emulator.Faults.Inject(MetaFaultOf(fault), times, WriteMethods);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The emulator's form of a contract-suite fault. Throttling is the suite's "429 with Retry-After: 1"; Meta's own
    /// throttling (HTTP 400 with codes 4, 17, 32, 613, 80004 and usage headers) is covered by <see cref="MetaErrorTests"/>.
    /// </summary>
    private static MetaFault MetaFaultOf(PeerFault fault) => fault switch
    {
        PeerFault.Throttle => MetaFault.TooManyRequests(retryAfterSeconds: 1),
        PeerFault.ServerError => MetaFault.ServerError(503),
        PeerFault.MalformedBody => MetaFault.MalformedJson(),
        PeerFault.PageLoop => MetaFault.CursorLoop(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private void SeedAssets()
    {
        Emulator.Business.SeedPage(PageId);
        Emulator.Business.SeedAdAccount(AdAccountId);
    }
}
