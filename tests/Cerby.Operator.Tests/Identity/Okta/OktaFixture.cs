using Cerby.Emulators.Okta;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>An emulated Okta org and the operator's client, reader and change feed pointed at it.</summary>
internal sealed class OktaFixture : IAsyncDisposable
{
    public const string IdpKey = "default/okta";

    private OktaFixture(OktaEmulator emulator, OktaClient client, TimeProvider time, CapturedLog log)
    {
        Emulator = emulator;
        Client = client;
        Log = log;
        Reader = new OktaDirectoryReader(client, time, log);
        Feed = new OktaChangeFeed(client, time, log);
    }

    public OktaEmulator Emulator { get; }

    public OktaOrg Org => Emulator.Org;

    public OktaClient Client { get; }

    public OktaDirectoryReader Reader { get; }

    public OktaChangeFeed Feed { get; }

    public CapturedLog Log { get; }

    /// <param name="clientTime">The client's clock (waits and backoff).</param>
    /// <param name="emulatorOnClientClock">The emulator's published times and rate-limit windows follow the client's clock too; otherwise it keeps real time.</param>
    public static async Task<OktaFixture> StartAsync(TimeProvider? clientTime = null, bool emulatorOnClientClock = false, OktaRetryPolicy? policy = null,
        TimeSpan? requestTimeout = null, Func<OktaEmulator, OktaCredentials>? credentials = null)
    {
        var emulator = await OktaEmulator.StartAsync(time: emulatorOnClientClock ? clientTime : null);
        var time = clientTime ?? TimeProvider.System;
        var log = new CapturedLog();
        var client = OktaClientFactory.Create(emulator.OrgUrl, credentials?.Invoke(emulator) ?? OktaCredentials.ApiToken(emulator.ApiToken), time, log,
            policy ?? new OktaRetryPolicy(FirstBackoff: TimeSpan.FromMilliseconds(10)), requestTimeout);
        return new OktaFixture(emulator, client, time, log);
    }

    /// <summary>A full read for groups bound by display name, and the app integration when given.</summary>
    public Task<IdentityRead> ReadAsync(string? appId = null, params string[] groupNames) =>
        Reader.ReadAsync(IdpKey, groupNames.Select(n => new IdpGroupReference { DisplayName = n }).ToList(), appId, CancellationToken.None);

    public static IReadOnlyList<string> Members(IdpDirectory directory, string groupName) =>
        directory.Groups.Values.Single(g => g.DisplayName == groupName).MemberIds.Select(id => directory.Users[id].Email).Order(StringComparer.Ordinal).ToList();

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
