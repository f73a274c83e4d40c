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
        if (await StandaloneCommand.ParseAsync(args, Usage, "--port", "--tenant", "--client-id", "--client-secret", "--users") is not { } options)
        {
            return 2;
        }

        await using var emulator = await GraphEmulator.StartAsync(
            options.GetValueOrDefault("--tenant", "00000000-0000-0000-0000-00000000e117"),
            options.GetValueOrDefault("--client-id", "11111111-2222-3333-4444-555555555555"),
            options.GetValueOrDefault("--client-secret", "emulated~graph~client~secret"),
            StandaloneCommand.Number(options, "--port"));
        var users = StandaloneCommand.Number(options, "--users");
        var everyone = emulator.Tenant.CreateGroup("Everyone Emulated");
        for (var i = 1; i <= users; i++)
        {
            emulator.Tenant.AddMember(everyone, emulator.Tenant.CreateUser($"user{i:D5}@example.com"));
        }

        return await StandaloneCommand.ServeAsync($"Graph emulator: graphBaseUrl {emulator.GraphBaseUrl}, authorityHost {emulator.AuthorityHost}, tenantId {emulator.TenantId}, clientId {emulator.ClientId}; group {everyone} with {users} users", emulator.WaitForShutdownAsync);
    }
}
