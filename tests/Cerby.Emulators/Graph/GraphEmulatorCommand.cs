using System.Globalization;

namespace Cerby.Emulators.Graph;

/// <summary>
/// Standalone mode for the sandbox: <c>graph [--port P] [--tenant T] [--client-id C] [--client-secret S] [--users N]</c>
/// serves an emulated tenant with N enabled users in a group "Everyone Emulated" until Ctrl+C.
/// </summary>
internal static class GraphEmulatorCommand
{
    private const string Usage = "usage: graph [--port P] [--tenant T] [--client-id C] [--client-secret S] [--users N]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--port" or "--tenant" or "--client-id" or "--client-secret" or "--users"))
            {
                await Console.Error.WriteLineAsync(Usage);
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        await using var emulator = await GraphEmulator.StartAsync(
            options.GetValueOrDefault("--tenant", "00000000-0000-0000-0000-00000000e117"),
            options.GetValueOrDefault("--client-id", "11111111-2222-3333-4444-555555555555"),
            options.GetValueOrDefault("--client-secret", "emulated~graph~client~secret"),
            int.Parse(options.GetValueOrDefault("--port", "0"), CultureInfo.InvariantCulture));
        var users = int.Parse(options.GetValueOrDefault("--users", "0"), CultureInfo.InvariantCulture);
        var everyone = emulator.Tenant.CreateGroup("Everyone Emulated");
        for (var i = 1; i <= users; i++)
        {
            emulator.Tenant.AddMember(everyone, emulator.Tenant.CreateUser($"user{i:D5}@example.com"));
        }

        Console.WriteLine($"Graph emulator: graphBaseUrl {emulator.GraphBaseUrl}, authorityHost {emulator.AuthorityHost}, tenantId {emulator.TenantId}, clientId {emulator.ClientId}; group {everyone} with {users} users; Ctrl+C stops it");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await emulator.WaitForShutdownAsync(stop.Token);
        return 0;
    }
}
