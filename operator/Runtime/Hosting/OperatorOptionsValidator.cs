using Microsoft.Extensions.Options;

namespace Cerby.Operator.Runtime.Hosting;

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
        }

        return result.Build();
    }
}
