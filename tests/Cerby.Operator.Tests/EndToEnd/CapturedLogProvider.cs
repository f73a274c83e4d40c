using Cerby.Operator.Tests.Identity.Okta;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>Captures every log line the operator host writes (all categories, all levels), for scanning.</summary>
internal sealed class CapturedLogProvider : ILoggerProvider
{
    public CapturedLog Log { get; } = new();

    public ILogger CreateLogger(string categoryName) => Log;

    public void Dispose()
    {
    }
}
