using System.Globalization;

namespace Cerby.Emulators;

/// <summary>What the emulators' standalone commands share: <c>--flag value</c> parsing and running until Ctrl+C.</summary>
internal static class StandaloneCommand
{
    /// <summary>The flags given, or null (after printing <paramref name="usage"/>) when one is unknown or lacks a value.</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> ParseAsync(string[] args, string usage, params string[] flags)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !flags.Contains(args[i], StringComparer.Ordinal))
            {
                await Console.Error.WriteLineAsync(usage);
                return null;
            }

            options[args[i]] = args[i + 1];
        }

        return options;
    }

    public static int Number(IReadOnlyDictionary<string, string> options, string flag) =>
        int.Parse(options.GetValueOrDefault(flag, "0"), CultureInfo.InvariantCulture);

    /// <summary>Prints <paramref name="banner"/> and waits until Ctrl+C, then lets <paramref name="waitForShutdown"/> end.</summary>
    public static async Task<int> ServeAsync(string banner, Func<CancellationToken, Task> waitForShutdown)
    {
        Console.WriteLine($"{banner}; Ctrl+C stops it");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await waitForShutdown(stop.Token);
        return 0;
    }
}
