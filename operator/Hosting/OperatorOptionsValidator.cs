using Microsoft.Extensions.Options;

namespace Cerby.Operator.Hosting;

/// <summary>Checks the bounds of <see cref="OperatorOptions"/>; each message names the flag and the value given.</summary>
internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (options.Workers is < OperatorOptions.MinWorkers or > OperatorOptions.MaxWorkers)
        {
            result.AddError($"--workers must be between {OperatorOptions.MinWorkers} and {OperatorOptions.MaxWorkers}, got {options.Workers}");
        }

        if (options.AppWriteConcurrency is < 1 or > OperatorOptions.MaxAppWriteConcurrency)
        {
            result.AddError($"--app-write-concurrency must be between 1 and {OperatorOptions.MaxAppWriteConcurrency}, got {options.AppWriteConcurrency}");
        }

        if (options.ResyncInterval < OperatorOptions.MinResyncInterval || options.ResyncInterval > OperatorOptions.MaxResyncInterval)
        {
            result.AddError($"--resync-interval must be between 10s and 24h, got {options.ResyncInterval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s");
        }

        if (!OperatorAddress.TryParse(options.Address, out _))
        {
            result.AddError($"--address must be host:port with a port from 0 to 65535, got \"{options.Address}\"");
        }

        foreach (var ns in options.Namespaces.Where(ns => !KubernetesNames.IsDnsLabel(ns)))
        {
            result.AddError($"--namespaces must list namespace names (lower-case letters, digits and '-', at most 63), got \"{ns}\"");
        }

        if (options.LeaderElection)
        {
            if (!KubernetesNames.IsDnsSubdomain(options.LeaseName))
            {
                result.AddError($"--lease-name must be a DNS subdomain name, got \"{options.LeaseName}\"");
            }

            if (!KubernetesNames.IsDnsLabel(options.LeaseNamespace))
            {
                result.AddError($"--lease-namespace must be a namespace name, got \"{options.LeaseNamespace}\"");
            }

            ValidateTimings(options, result);
        }

        return result.Build();
    }

    private static void ValidateTimings(OperatorOptions options, ValidateOptionsResultBuilder result)
    {
        static string S(TimeSpan t) => $"{t.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s";
        if (options.LeaseDuration < OperatorOptions.MinLeaseDuration || options.LeaseDuration > OperatorOptions.MaxLeaseDuration
            || options.LeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            result.AddError($"--lease-duration must be whole seconds from 2s to 5m (the Lease stores seconds), got {S(options.LeaseDuration)}");
        }

        if (options.RetryPeriod < OperatorOptions.MinRetryPeriod)
        {
            result.AddError($"--retry-period must be at least 100ms, got {S(options.RetryPeriod)}");
        }

        // The leader waits a retry period after each renewal, then tries for up to the renew deadline: it must give up
        // before a standby may take the Lease, or two instances would reconcile at once.
        if (options.RenewDeadline <= options.RetryPeriod || options.RenewDeadline + options.RetryPeriod >= options.LeaseDuration)
        {
            result.AddError(
                $"--renew-deadline must be longer than --retry-period and, plus --retry-period, shorter than --lease-duration, got {S(options.RenewDeadline)} (retry period {S(options.RetryPeriod)}, lease duration {S(options.LeaseDuration)})");
        }
    }
}
