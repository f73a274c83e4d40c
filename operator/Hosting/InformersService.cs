using Cerby.Operator.Runtime.Informers;
using Microsoft.Extensions.Hosting;

namespace Cerby.Operator.Hosting;

/// <summary>Runs the informers on every instance (standbys keep a warm cache, so a take-over starts at once).</summary>
internal sealed class InformersService(InformerSet informers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => informers.RunAsync(stoppingToken);
}
