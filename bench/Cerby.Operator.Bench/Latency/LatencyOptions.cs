using System.Globalization;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// Options of <c>--latency</c>: how many IdP changes, how many Okta users, the IdentityProvider's System Log poll
/// interval (null = the IdentityProvider's default), and which app the hub is.
/// </summary>
internal sealed record LatencyOptions(int Changes, int Users, string? LogPollInterval, LatencyApp App)
{
    public const string Usage = "usage: --latency [--quick] [--app scim|meta] [--changes N] [--users N] [--log-poll 1s|default]";

    /// <summary>Full run: 100 changes over 1,000 users. --quick: 8 changes (CI). The IdentityProvider keeps its default poll interval unless --log-poll says otherwise.</summary>
    public static LatencyOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        var options = new LatencyOptions(quick ? 8 : 100, 1_000, null, LatencyApp.Scim);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--changes" => options with { Changes = Positive(Value(), "--changes") },
                "--users" => options with { Users = Positive(Value(), "--users") },
                "--app" => options with { App = Value() switch
                {
                    "scim" => LatencyApp.Scim,
                    "meta" => LatencyApp.Meta,
                    var other => throw new ArgumentException($"--app must be scim or meta, got \"{other}\""),
                } },
                "--log-poll" => Value() is "default" ? options with { LogPollInterval = null } : options with { LogPollInterval = args[i] },
                "--quick" => options,
                var unknown => throw new ArgumentException($"unknown argument \"{unknown}\""),
            };
        }

        return options;
    }

    /// <summary>The IdentityProvider's default System Log poll interval, as the CRD declares it.</summary>
    public static string DefaultPoll => new Cerby.Operator.Resources.OktaSettings().LogPollInterval;

    /// <summary>The poll interval in force: the given one, or the IdentityProvider's default.</summary>
    public static TimeSpan PollInterval(string? logPollInterval) => logPollInterval switch
    {
        null => PollInterval(DefaultPoll),
        var text when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture)),
        var text when text.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        var text when text.EndsWith('m') => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        var text => throw new ArgumentException($"--log-poll: a duration such as 1s, 500ms or 1m, got \"{text}\""),
    };

    private static int Positive(string value, string flag) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{flag} must be a positive whole number, got \"{value}\"");
}

/// <summary>The app behind the hub: the real scimmy SCIM app, or the Meta Business emulator.</summary>
internal enum LatencyApp
{
    Scim,
    Meta,
}
