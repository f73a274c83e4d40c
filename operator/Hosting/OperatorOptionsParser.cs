using Cerby.Operator.Resources;
using System.Globalization;

namespace Cerby.Operator.Hosting;

/// <summary>
/// Reads <see cref="OperatorOptions"/> from environment variables, then flags (<c>--name value</c> or <c>--name=value</c>),
/// which win. Type errors name the flag or variable; bounds are checked by <see cref="OperatorOptionsValidator"/>.
/// </summary>
internal static class OperatorOptionsParser
{
    public const string Usage =
        """
        usage: cerby-operator run [flags]

        flags (environment variable in brackets; flags win):
          --namespaces a,b        namespaces to watch, all when empty [CERBY_NAMESPACES]
          --hub-selector sel      only the BusinessHubs matching this label selector, their shares, bindings and
                                  identity providers: a shard (default: every hub) [CERBY_HUB_SELECTOR]
          --address host:port     serves /healthz, /readyz and /metrics (default 0.0.0.0:8080) [CERBY_ADDRESS]
          --leader-elect[=bool]   elect a leader through a Lease; only it reconciles (default true) [CERBY_LEADER_ELECT]
          --lease-name name       the Lease (default cerby-operator-leader) [CERBY_LEASE_NAME]
          --lease-namespace ns    its namespace (default: the pod's) [CERBY_LEASE_NAMESPACE, POD_NAMESPACE]
          --lease-duration d      a standby takes a Lease not renewed for this long (default 10s) [CERBY_LEASE_DURATION]
          --renew-deadline d      the leader stops leading after failing to renew this long (default 6s) [CERBY_RENEW_DEADLINE]
          --retry-period d        between renewals and tries to acquire (default 1s) [CERBY_RETRY_PERIOD]
          --workers n             workers per controller, 1 to 64 (default 4) [CERBY_WORKERS]
          --app-write-concurrency n  writes sent to one app at the same time, 1 to 64 (default 8) [CERBY_APP_WRITE_CONCURRENCY]
          --resync-interval d     reconcile everything this often, 10s to 24h (default 10m) [CERBY_RESYNC_INTERVAL]
          --share-expiry-warning d  warn (Event ShareExpiring) this long before a TeamShare expires (default 24h) [CERBY_SHARE_EXPIRY_WARNING]
          --pod-name name         this instance in events and the Lease (default: host name) [POD_NAME]

        The cluster is the in-cluster service account, or else KUBECONFIG (default ~/.kube/config).
        """;

    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    private static readonly (string Flag, string Variable)[] Settings =
    [
        ("--namespaces", "CERBY_NAMESPACES"),
        ("--hub-selector", "CERBY_HUB_SELECTOR"),
        ("--address", "CERBY_ADDRESS"),
        ("--leader-elect", "CERBY_LEADER_ELECT"),
        ("--lease-name", "CERBY_LEASE_NAME"),
        ("--lease-namespace", "CERBY_LEASE_NAMESPACE"),
        ("--lease-duration", "CERBY_LEASE_DURATION"),
        ("--renew-deadline", "CERBY_RENEW_DEADLINE"),
        ("--retry-period", "CERBY_RETRY_PERIOD"),
        ("--workers", "CERBY_WORKERS"),
        ("--app-write-concurrency", "CERBY_APP_WRITE_CONCURRENCY"),
        ("--resync-interval", "CERBY_RESYNC_INTERVAL"),
        ("--share-expiry-warning", "CERBY_SHARE_EXPIRY_WARNING"),
        ("--pod-name", "POD_NAME"),
    ];

    /// <summary>The options, or the errors that stop start-up; <paramref name="environment"/> maps variable names to values.</summary>
    public static (OperatorOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var errors = new List<string>();
        var values = new Dictionary<string, (string Value, string Source)>();
        foreach (var (flag, variable) in Settings)
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                values[flag] = (value, variable);
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = args[i].Split('=', 2) is [var f, var v] ? (f, v) : (args[i], null);
            if (!Settings.Any(s => s.Flag == flag))
            {
                errors.Add($"unknown flag \"{args[i]}\"");
                continue;
            }

            if (inline is not null)
            {
                values[flag] = (inline, flag);
            }
            else if (flag == "--leader-elect" && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                values[flag] = ("true", flag);
            }
            else if (i + 1 < args.Count)
            {
                values[flag] = (args[++i], flag);
            }
            else
            {
                errors.Add($"{flag} needs a value");
            }
        }

        var options = new OperatorOptions
        {
            LeaseNamespace = environment("POD_NAMESPACE") is { Length: > 0 } podNamespace ? podNamespace : ServiceAccountNamespace() ?? "default",
        };
        foreach (var (flag, (value, source)) in values)
        {
            options = Apply(options, flag, value, source, errors);
        }

        return errors.Count == 0 ? (options, errors) : (null, errors);
    }

    private static OperatorOptions Apply(OperatorOptions options, string flag, string value, string source, List<string> errors)
    {
        switch (flag)
        {
            case "--namespaces":
                return options with { Namespaces = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
            case "--hub-selector":
                return options with { HubSelector = value.Trim() };
            case "--address":
                return options with { Address = value };
            case "--leader-elect" when bool.TryParse(value, out var elect):
                return options with { LeaderElection = elect };
            case "--leader-elect":
                errors.Add($"{source} must be true or false, got \"{value}\"");
                return options;
            case "--lease-name":
                return options with { LeaseName = value };
            case "--lease-namespace":
                return options with { LeaseNamespace = value };
            case "--workers" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var workers):
                return options with { Workers = workers };
            case "--workers":
                errors.Add($"{source} must be a whole number, got \"{value}\"");
                return options;
            case "--app-write-concurrency" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var concurrency):
                return options with { AppWriteConcurrency = concurrency };
            case "--app-write-concurrency":
                errors.Add($"{source} must be a whole number, got \"{value}\"");
                return options;
            case "--resync-interval" when GoDuration.TryParse(value, out var interval):
                return options with { ResyncInterval = interval };
            case "--lease-duration" or "--renew-deadline" or "--retry-period" when GoDuration.TryParse(value, out var timing):
                return flag switch
                {
                    "--lease-duration" => options with { LeaseDuration = timing },
                    "--renew-deadline" => options with { RenewDeadline = timing },
                    _ => options with { RetryPeriod = timing },
                };
            case "--lease-duration" or "--renew-deadline" or "--retry-period":
                errors.Add($"{source} must be a duration such as 500ms, 2s or 1m, got \"{value}\"");
                return options;
            case "--share-expiry-warning" when GoDuration.TryParse(value, out var warning):
                return options with { ShareExpiryWarning = warning };
            case "--share-expiry-warning":
                errors.Add($"{source} must be a duration such as 24h or 72h, got \"{value}\"");
                return options;
            case "--resync-interval":
                errors.Add($"{source} must be a duration such as 30s, 10m or 1h, got \"{value}\"");
                return options;
            default:
                return options with { PodName = value };
        }
    }

    private static string? ServiceAccountNamespace() =>
        File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim() : null;
}
