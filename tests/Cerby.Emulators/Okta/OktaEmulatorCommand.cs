using System.Globalization;

namespace Cerby.Emulators.Okta;

/// <summary>
/// Standalone mode for the sandbox: <c>okta [--port P] [--token T] [--users N]</c> serves an emulated org with N
/// active users in a group "Everyone Emulated" until Ctrl+C.
/// </summary>
internal static class OktaEmulatorCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--port" or "--token" or "--users"))
            {
                await Console.Error.WriteLineAsync("usage: okta [--port P] [--token T] [--users N]");
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        await using var emulator = await OktaEmulator.StartAsync(
            options.GetValueOrDefault("--token", "emulated-okta-api-token"),
            int.Parse(options.GetValueOrDefault("--port", "0"), CultureInfo.InvariantCulture));
        var users = int.Parse(options.GetValueOrDefault("--users", "0"), CultureInfo.InvariantCulture);
        var everyone = emulator.Org.CreateGroup("Everyone Emulated");
        for (var i = 1; i <= users; i++)
        {
            emulator.Org.AddToGroup(everyone, emulator.Org.CreateUser($"user{i:D5}@example.com"));
        }

        Console.WriteLine($"Okta emulator: orgUrl {emulator.OrgUrl}, group {everyone} with {users} users; Ctrl+C stops it");
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
