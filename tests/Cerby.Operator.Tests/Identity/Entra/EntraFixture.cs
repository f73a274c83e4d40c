using Cerby.Emulators.Graph;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Identity.Okta;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>An emulated Entra tenant and Entra ID sources pointed at it (disposed with the fixture).</summary>
internal sealed class EntraFixture : IAsyncDisposable
{
    public const string IdpKey = "default/entra";

    private readonly List<EntraIdentitySource> _sources = [];

    private EntraFixture(GraphEmulator emulator) => Emulator = emulator;

    public GraphEmulator Emulator { get; }

    public GraphTenant Tenant => Emulator.Tenant;

    public CapturedLog Log { get; } = new();

    public static async Task<EntraFixture> StartAsync(TimeProvider? emulatorTime = null) =>
        new(await GraphEmulator.StartAsync(time: emulatorTime));

    public EntraSettings Settings => new()
    {
        TenantId = Emulator.TenantId,
        ClientId = Emulator.ClientId,
        GraphBaseUrl = Emulator.GraphBaseUrl.AbsoluteUri,
        AuthorityHost = Emulator.AuthorityHost.AbsoluteUri,
    };

    /// <summary>A source for the tenant; fast retries unless a policy is given.</summary>
    public EntraIdentitySource Source(string? appId = null, TimeProvider? time = null, EntraRetryPolicy? policy = null, string? clientSecret = null, EntraSettings? settings = null)
    {
        settings ??= Settings;
        var source = new EntraIdentitySource(IdpKey, settings, new EntraCredentials(settings.TenantId, settings.ClientId, clientSecret ?? Emulator.ClientSecret), appId,
            time ?? TimeProvider.System, Log, policy: policy ?? new EntraRetryPolicy(FirstBackoff: TimeSpan.FromMilliseconds(10), RequestTimeout: TimeSpan.FromSeconds(10)));
        _sources.Add(source);
        return source;
    }

    public static IReadOnlyList<IdpGroupReference> Named(params string[] names) => names.Select(n => new IdpGroupReference { DisplayName = n }).ToList();

    public static IReadOnlyList<string> Members(IdpDirectory directory, string groupName) =>
        directory.Groups.Values.Single(g => g.DisplayName == groupName).MemberIds.Select(id => directory.Users[id].Email).Order(StringComparer.Ordinal).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }
}
