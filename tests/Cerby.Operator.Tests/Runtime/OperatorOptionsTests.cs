using Cerby.Operator.Resources;
using Cerby.Operator.Hosting;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Options of the run command: flags and environment, and messages that name the bad option.</summary>
public sealed class OperatorOptionsTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Defaults_apply_when_nothing_is_given()
    {
        var options = Parse([], new Dictionary<string, string> { ["POD_NAMESPACE"] = "cerby-system", ["POD_NAME"] = "cerby-operator-7d9f" });

        Assert.Equal(
            new OperatorOptions { LeaseNamespace = "cerby-system", PodName = "cerby-operator-7d9f" } with { Namespaces = options.Namespaces },
            options);
        Assert.Empty(options.Namespaces);
    }

    [Fact]
    public void Flags_win_over_environment_variables()
    {
        var options = Parse(
            ["--workers", "8", "--namespaces=marketing,sales", "--leader-elect=false", "--resync-interval", "1h30m", "--address", ":9090"],
            new Dictionary<string, string> { ["CERBY_WORKERS"] = "2", ["CERBY_LEASE_NAME"] = "my-lease", ["CERBY_NAMESPACES"] = "other" });

        Assert.Equal(8, options.Workers);
        Assert.Equal(["marketing", "sales"], options.Namespaces);
        Assert.False(options.LeaderElection);
        Assert.Equal(TimeSpan.FromMinutes(90), options.ResyncInterval);
        Assert.Equal(":9090", options.Address);
        Assert.Equal("my-lease", options.LeaseName);
    }

    [Fact]
    public void Lease_timings_come_from_flags_or_the_environment()
    {
        var options = Parse(["--lease-duration=20s", "--renew-deadline", "12s"], new Dictionary<string, string> { ["CERBY_RETRY_PERIOD"] = "500ms" });

        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(12), TimeSpan.FromMilliseconds(500)), (options.LeaseDuration, options.RenewDeadline, options.RetryPeriod));
    }

    [Fact]
    public void Share_expiry_warning_defaults_to_a_day_and_comes_from_the_flag_or_the_environment()
    {
        Assert.Equal(TimeSpan.FromHours(24), Parse([], NoEnvironment).ShareExpiryWarning);
        Assert.Equal(TimeSpan.FromHours(72), Parse([], new Dictionary<string, string> { ["CERBY_SHARE_EXPIRY_WARNING"] = "72h" }).ShareExpiryWarning);
        Assert.Equal(TimeSpan.FromMinutes(30), Parse(["--share-expiry-warning=30m"], new Dictionary<string, string> { ["CERBY_SHARE_EXPIRY_WARNING"] = "72h" }).ShareExpiryWarning);
    }

    [Fact]
    public void A_hub_selector_makes_the_instance_a_shard_and_is_empty_by_default()
    {
        Assert.Equal("sharding.access.cerby.io/shard=shard1", Parse(["--hub-selector", "sharding.access.cerby.io/shard=shard1"], NoEnvironment).HubSelector);
        Assert.Equal("!sharding.access.cerby.io/shard", Parse([], new Dictionary<string, string> { ["CERBY_HUB_SELECTOR"] = "!sharding.access.cerby.io/shard" }).HubSelector);
        Assert.Equal("", Parse([], NoEnvironment).HubSelector);
    }

    [Fact]
    public void A_bare_leader_elect_flag_means_true()
    {
        Assert.True(Parse(["--leader-elect", "--workers", "3"], new Dictionary<string, string> { ["CERBY_LEADER_ELECT"] = "false" }).LeaderElection);
    }

    public static TheoryData<string[], Dictionary<string, string>, string> Invalid => new()
    {
        { ["--workers", "0"], NoEnvironment, "--workers must be between 1 and 64, got 0" },
        { ["--workers=65"], NoEnvironment, "--workers must be between 1 and 64, got 65" },
        { ["--workers", "many"], NoEnvironment, "--workers must be a whole number, got \"many\"" },
        { [], new() { ["CERBY_WORKERS"] = "x" }, "CERBY_WORKERS must be a whole number, got \"x\"" },
        { ["--resync-interval", "5s"], NoEnvironment, "--resync-interval must be between 10s and 24h, got 5s" },
        { ["--resync-interval", "soon"], NoEnvironment, "--resync-interval must be a duration such as 30s, 10m or 1h, got \"soon\"" },
        { ["--share-expiry-warning", "soon"], NoEnvironment, "--share-expiry-warning must be a duration such as 24h or 72h, got \"soon\"" },
        { ["--leader-elect=maybe"], NoEnvironment, "--leader-elect must be true or false, got \"maybe\"" },
        { ["--address", "localhost"], NoEnvironment, "--address must be host:port with a port from 0 to 65535, got \"localhost\"" },
        { ["--namespaces", "Marketing"], NoEnvironment, "--namespaces must list namespace names (lower-case letters, digits and '-', at most 63), got \"Marketing\"" },
        { ["--lease-name", "Leader!"], NoEnvironment, "--lease-name must be a DNS subdomain name, got \"Leader!\"" },
        { ["--lease-duration", "soon"], NoEnvironment, "--lease-duration must be a duration such as 500ms, 2s or 1m, got \"soon\"" },
        { ["--lease-duration", "1500ms"], NoEnvironment, "--lease-duration must be whole seconds from 2s to 5m (the Lease stores seconds), got 1.5s" },
        { ["--retry-period", "50ms", "--renew-deadline", "5s"], NoEnvironment, "--retry-period must be at least 100ms, got 0.05s" },
        { [], new() { ["CERBY_RENEW_DEADLINE"] = "9s" }, "--renew-deadline must be longer than --retry-period and, plus --retry-period, shorter than --lease-duration, got 9s (retry period 1s, lease duration 10s)" },
        { ["--verbose"], NoEnvironment, "unknown flag \"--verbose\"" },
        { ["--workers"], NoEnvironment, "--workers needs a value" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_bad_option_is_reported_by_name(string[] args, Dictionary<string, string> environment, string message)
    {
        Assert.Contains(message, Problems(args, environment));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        Assert.Equal(
            ["--workers must be between 1 and 64, got 0", "--resync-interval must be between 10s and 24h, got 1s"],
            Problems(["--workers", "0", "--resync-interval", "1s"], NoEnvironment));
    }

    [Fact]
    public void Lease_settings_are_not_checked_without_leader_election()
    {
        Assert.Empty(Problems(["--leader-elect=false", "--lease-name", "Not Valid"], NoEnvironment));
    }

    [Fact]
    public void Run_prints_the_problems_and_exits_2_before_touching_the_cluster()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = RunCommand.Run(["--workers", "0"], stdout, stderr);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("--workers must be between 1 and 64, got 0", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }

    [Theory]
    [InlineData("10s", 10)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5m", 90)]
    [InlineData("500ms", 0.5)]
    public void Durations_are_read_go_style(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10 s")]
    [InlineData("1d")]
    public void Other_durations_are_rejected(string text) => Assert.False(GoDuration.TryParse(text, out _));

    private static OperatorOptions Parse(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var (options, errors) = OperatorOptionsParser.Parse(args, name => environment.GetValueOrDefault(name));
        Assert.Empty(errors);
        return options!;
    }

    private static IReadOnlyList<string> Problems(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var (options, errors) = OperatorOptionsParser.Parse(args, name => environment.GetValueOrDefault(name));
        return options is null ? errors : new OperatorOptionsValidator().Validate(null, options) is { Failed: true } invalid ? [.. invalid.Failures] : [];
    }
}
