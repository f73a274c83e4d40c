using System.Globalization;

namespace Cerby.Emulators.Meta;

/// <summary>
/// Standalone mode for the sandbox: <c>meta [--port P] [--business ID] [--token T] [--users N]</c> serves an emulated
/// business (with N seeded employees) until Ctrl+C.
/// </summary>
internal static class MetaEmulatorCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--port" or "--business" or "--token" or "--users"))
            {
                await Console.Error.WriteLineAsync("usage: meta [--port P] [--business ID] [--token T] [--users N]").ConfigureAwait(false);
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        await using var emulator = await MetaEmulator.StartAsync(
            options.GetValueOrDefault("--business", "1234567890"),
            options.GetValueOrDefault("--token", "emulated-system-user-token"),
            int.Parse(options.GetValueOrDefault("--port", "0"), CultureInfo.InvariantCulture)).ConfigureAwait(false);
        var users = int.Parse(options.GetValueOrDefault("--users", "0"), CultureInfo.InvariantCulture);
        for (var i = 1; i <= users; i++)
        {
            emulator.Business.SeedUser($"user{i:D5}@example.com");
        }

        Console.WriteLine($"Meta Graph emulator: baseUrl {emulator.BaseUrl}, business {emulator.Business.Id}, token {emulator.AccessToken}, {users} users; Ctrl+C stops it");
        await emulator.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
