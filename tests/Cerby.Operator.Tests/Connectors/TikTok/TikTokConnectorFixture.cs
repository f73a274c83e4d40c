using Cerby.Emulators.TikTok;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.TikTok;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>
/// The TikTok Business Center emulator on a free loopback port, with one ad account and one catalog, and TikTok
/// connectors pointed at it. TikTok has no suspended state, so inactive seeds are refused; it cannot mark who
/// provisioned a member, so the managed flag of a seed is dropped (the reconciler's ledger knows it).
/// </summary>
public sealed class TikTokConnectorFixture : IConnectorFixture, IAsyncLifetime
{
    public const string BcId = "7012345678901234567";
    public const string AdvertiserId = "7200000000000000001";
    public const string CatalogId = "7300000000000000001";
    private const string MemberList = "bc/member/get/";
    private const string WrongToken = "act.revoked-tiktok-token";

    private readonly List<HttpClient> clients = [];
    private TikTokEmulator? emulator;

    internal TikTokEmulator Emulator => emulator ?? throw new InvalidOperationException("the fixture has not started");

    public static IReadOnlyList<AssetRef> Assets { get; } = [new(AssetKind.AdAccount, AdvertiserId), new(AssetKind.Catalog, CatalogId)];

    public IReadOnlyList<string> NativeRoles { get; } = ["ADMIN", "STANDARD:MANAGER", "STANDARD"];

    public int PageSize => 10;

    public int MaxWritesPerChange => 1;

    public bool MarksManaged => false;

    public bool AddsByInvite => true;

    public IReadOnlyList<string> Secrets => [Emulator.AccessToken, WrongToken];

    public async Task InitializeAsync() => emulator = await TikTokEmulator.StartAsync(BcId);

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
        Emulator.BusinessCenter.Clear();
        Emulator.Faults.Clear();
        Emulator.Calls.Clear();
        Emulator.BusinessCenter.SeedAsset("ADVERTISER", AdvertiserId);
        Emulator.BusinessCenter.SeedAsset("CATALOG", CatalogId);
        return Task.CompletedTask;
    }

    public IAppConnector CreateConnector(TimeProvider time, bool validCredentials = true) =>
        CreateTikTokConnector(time, validCredentials ? Emulator.AccessToken : WrongToken);

    internal TikTokConnector CreateTikTokConnector(TimeProvider time, string? token = null, Func<TikTokConnectorOptions, TikTokConnectorOptions>? adjust = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(Emulator.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        lock (clients)
        {
            clients.Add(http);
        }

        var options = new TikTokConnectorOptions("marketing/tiktok-main", BcId, Assets) { PageSize = PageSize };
        return new TikTokConnector(http, token ?? Emulator.AccessToken, adjust?.Invoke(options) ?? options, time);
    }

    public Task<string> SeedAsync(PeerMember member) => member.Active
        ? Task.FromResult(Emulator.BusinessCenter.SeedMember(member.Email, member.NativeRole ?? "STANDARD"))
        : throw new NotSupportedException("TikTok Business Center has no suspended members");

    public async Task SeedManyAsync(IReadOnlyList<PeerMember> members)
    {
        foreach (var member in members)
        {
            await SeedAsync(member);
        }
    }

    public Task AcceptInviteAsync(string email)
    {
        Emulator.BusinessCenter.AcceptInvite(email);
        return Task.CompletedTask;
    }

    public Task<PeerMember?> InspectAsync(string email) =>
        Task.FromResult(Emulator.BusinessCenter.MemberByEmail(email) is { Status: "BOUND" } m
            ? new PeerMember(m.Email, m.FinanceRole is null ? m.UserRole : $"{m.UserRole}:{m.FinanceRole}")
            : null);

    public Task<int> WritesAsync() => Task.FromResult(Emulator.Calls.Writes);

    public Task InjectReadFaultAsync(PeerFault fault, int times = 1, int afterPages = 0)
    {
        var skip = fault == PeerFault.PageLoop ? Math.Max(afterPages, 1) : afterPages;
        Emulator.Faults.Inject(FaultOf(fault), times, "GET", MemberList, skip);
        return Task.CompletedTask;
    }

    public Task InjectWriteFaultAsync(PeerFault fault, int times = 1)
    {
        Emulator.Faults.Inject(FaultOf(fault), times, "POST");
        return Task.CompletedTask;
    }

    /// <summary>
    /// The emulator's form of a contract-suite fault. Throttling is the suite's "429 with Retry-After: 1"; TikTok's own
    /// throttling (HTTP 200 with code 40100, no wait named) is covered by <see cref="TikTokErrorTests"/>.
    /// </summary>
    private static TikTokFault FaultOf(PeerFault fault) => fault switch
    {
        PeerFault.Throttle => TikTokFault.TooManyRequests(1),
        PeerFault.ServerError => TikTokFault.Http(503),
        PeerFault.MalformedBody => TikTokFault.Malformed(),
        PeerFault.PageLoop => TikTokFault.Loop(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };
}
