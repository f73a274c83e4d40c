using Cerby.Emulators.GoogleAds;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.GoogleAds;

namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>
/// The Google Ads emulator on a free loopback port, paging at 10 rows, and connectors pointed at it. Google Ads has no
/// suspended state, so inactive seeds are refused; it cannot mark who added a member, so the managed flag of a seed is
/// dropped (the reconciler's ledger knows it).
/// </summary>
public sealed class GoogleAdsConnectorFixture : IConnectorFixture, IAsyncLifetime
{
    public const string CustomerId = "1234567890";
    private const string WrongToken = "ya29.revoked-oauth-access-token";
    private const string WrongDeveloperToken = "revoked-developer-token";

    private readonly List<HttpClient> clients = [];
    private GoogleAdsEmulator? emulator;

    internal GoogleAdsEmulator Emulator => emulator ?? throw new InvalidOperationException("the fixture has not started");

    public IReadOnlyList<string> NativeRoles { get; } = ["ADMIN", "STANDARD", "READ_ONLY"];

    public int PageSize => 10;

    public int MaxWritesPerChange => 1;

    public bool MarksManaged => false;

    public bool AddsByInvite => true;

    public IReadOnlyList<string> Secrets => [Emulator.AccessToken, Emulator.DeveloperToken, WrongToken, WrongDeveloperToken];

    public async Task InitializeAsync()
    {
        emulator = await GoogleAdsEmulator.StartAsync(CustomerId);
        emulator.PageSize = PageSize;
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
        Emulator.Account.Clear();
        Emulator.Faults.Clear();
        Emulator.Calls.Clear();
        Emulator.PageSize = PageSize;
        return Task.CompletedTask;
    }

    public IAppConnector CreateConnector(TimeProvider time, bool validCredentials = true) =>
        CreateAdsConnector(time, validCredentials ? Emulator.AccessToken : WrongToken);

    /// <summary>A connector with the given tokens and whatever else <paramref name="adjust"/> changes.</summary>
    internal GoogleAdsConnector CreateAdsConnector(TimeProvider time, string? token = null, string? developerToken = null,
        Func<GoogleAdsConnectorOptions, GoogleAdsConnectorOptions>? adjust = null, TimeSpan? timeout = null)
    {
        var http = EdgeClients.Create(Emulator.BaseUrl.ToString(), token ?? Emulator.AccessToken, timeout ?? TimeSpan.FromSeconds(30));
        lock (clients)
        {
            clients.Add(http);
        }

        var options = new GoogleAdsConnectorOptions("marketing/google-ads", CustomerId);
        return new GoogleAdsConnector(http, developerToken ?? Emulator.DeveloperToken, adjust?.Invoke(options) ?? options, time);
    }

    public Task<string> SeedAsync(PeerMember member) =>
        member.Active
            ? Task.FromResult(Emulator.Account.SeedUser(member.Email, member.NativeRole ?? "READ_ONLY"))
            : throw new NotSupportedException("Google Ads has no suspended members");

    public async Task SeedManyAsync(IReadOnlyList<PeerMember> members)
    {
        foreach (var member in members)
        {
            await SeedAsync(member);
        }
    }

    public Task AcceptInviteAsync(string email)
    {
        Emulator.Account.AcceptInvitation(email);
        return Task.CompletedTask;
    }

    public Task<PeerMember?> InspectAsync(string email) =>
        Task.FromResult(Emulator.Account.UserByEmail(email) is { } user ? new PeerMember(user.Email, user.AccessRole) : null);

    public Task<int> WritesAsync() => Task.FromResult(Emulator.Calls.Writes);

    public Task InjectReadFaultAsync(PeerFault fault, int times = 1, int afterPages = 0)
    {
        // A page loop shows only from the second page on: the first page cannot be "the first page again".
        var skip = fault == PeerFault.PageLoop ? Math.Max(afterPages, 1) : afterPages;
        Emulator.Faults.Add(FaultOf(fault, "googleAds:search"), times, skip);
        return Task.CompletedTask;
    }

    public Task InjectWriteFaultAsync(PeerFault fault, int times = 1)
    {
        Emulator.Faults.Add(FaultOf(fault, ":mutate"), times);
        return Task.CompletedTask;
    }

    /// <summary>The suite's throttling is Google's quota error: 429 RESOURCE_EXHAUSTED with quotaErrorDetails.retryDelay "1s" (no Retry-After header).</summary>
    private static GoogleAdsFault FaultOf(PeerFault fault, string path) => fault switch
    {
        PeerFault.Throttle => new(GoogleAdsFaultKind.Quota, path, TimeSpan.FromSeconds(1)),
        PeerFault.ServerError => new(GoogleAdsFaultKind.Unavailable, path),
        PeerFault.MalformedBody => new(GoogleAdsFaultKind.MalformedJson, path),
        PeerFault.PageLoop => new(GoogleAdsFaultKind.PageLoop, path),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };
}
