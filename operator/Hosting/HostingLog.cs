using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Hosting;

/// <summary>Log messages of the operator's host.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Operator listening on {Address} for /healthz, /readyz and /metrics; watching {Namespaces}; hubs: {Hubs}")]
    public static partial void OperatorStarted(this ILogger logger, string address, string namespaces, string hubs);
}
