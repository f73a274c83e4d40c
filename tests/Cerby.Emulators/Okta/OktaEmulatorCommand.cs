namespace Cerby.Emulators.Okta;

/// <summary>
/// Standalone mode for the sandbox: <c>okta [--port P] [--token T] [--users N]</c> serves an emulated org with N
/// active users in a group "Everyone Emulated" until Ctrl+C.
/// </summary>
internal static class OktaEmulatorCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (await StandaloneCommand.ParseAsync(args, "usage: okta [--port P] [--token T] [--users N]", "--port", "--token", "--users") is not { } options)
        {
            return 2;
        }

        await using var emulator = await OktaEmulator.StartAsync(
            options.GetValueOrDefault("--token", "emulated-okta-api-token"),
            StandaloneCommand.Number(options, "--port"));
        var users = StandaloneCommand.Number(options, "--users");
        var everyone = emulator.Org.CreateGroup("Everyone Emulated");
        for (var i = 1; i <= users; i++)
        {
            emulator.Org.AddToGroup(everyone, emulator.Org.CreateUser($"user{i:D5}@example.com"));
        }

        return await StandaloneCommand.ServeAsync($"Okta emulator: orgUrl {emulator.OrgUrl}, group {everyone} with {users} users", emulator.WaitForShutdownAsync);
    }
}
