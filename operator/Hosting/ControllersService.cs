using Cerby.Operator.Runtime.Controllers;
using Microsoft.Extensions.Hosting;

namespace Cerby.Operator.Hosting;

/// <summary>Runs the controllers directly when leader election is off.</summary>
internal sealed class ControllersService(ControllerSet controllers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => controllers.RunAsync(stoppingToken);
}
