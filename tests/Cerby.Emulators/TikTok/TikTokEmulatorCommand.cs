using System.Globalization;

namespace Cerby.Emulators.TikTok;

/// <summary>
/// Standalone mode for the sandbox: <c>tiktok [--port P] [--bc ID] [--token T] [--members N]</c> serves an emulated
/// Business Center (with N bound STANDARD members and one ad account) until Ctrl+C.
/// </summary>
internal static class TikTokEmulatorCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--port" or "--bc" or "--token" or "--members"))
            {
                await Console.Error.WriteLineAsync("usage: tiktok [--port P] [--bc ID] [--token T] [--members N]").ConfigureAwait(false);
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        await using var emulator = await TikTokEmulator.StartAsync(
            options.GetValueOrDefault("--bc", "7012345678901234567"),
            options.GetValueOrDefault("--token", "act.emulated-tiktok-token"),
            int.Parse(options.GetValueOrDefault("--port", "0"), CultureInfo.InvariantCulture)).ConfigureAwait(false);
        emulator.BusinessCenter.SeedAsset("ADVERTISER", "7200000000000000001");
        var members = int.Parse(options.GetValueOrDefault("--members", "0"), CultureInfo.InvariantCulture);
        for (var i = 1; i <= members; i++)
        {
            emulator.BusinessCenter.SeedMember($"member{i:D4}@example.com");
        }

        Console.WriteLine($"TikTok Business Center emulator: baseUrl {emulator.BaseUrl}, bc_id {emulator.BusinessCenter.Id}, ad account 7200000000000000001, {members} members; Ctrl+C stops it");
        await emulator.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
