using System.Diagnostics;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors;

/// <summary>Times a connector's full read and the apply of many changes, for the scale-figure tests (times are printed, not asserted).</summary>
internal static class ScaleTiming
{
    /// <summary>One full read, with its (stopped) stopwatch.</summary>
    public static async Task<(ActualAccess Access, Stopwatch Read)> ReadAsync(IAppConnector connector)
    {
        var read = Stopwatch.StartNew();
        var access = await connector.ReadAsync(CancellationToken.None);
        read.Stop();
        return (access, read);
    }

    /// <summary>Applies the changes one by one; returns the calls the connector reported and the (stopped) stopwatch.</summary>
    public static async Task<(int ReportedCalls, Stopwatch Apply)> ApplyAllAsync(IAppConnector connector, IEnumerable<AccessChange> changes)
    {
        var apply = Stopwatch.StartNew();
        var reported = 0;
        foreach (var change in changes)
        {
            reported += (await connector.ApplyAsync(change, CancellationToken.None)).Calls;
        }

        apply.Stop();
        return (reported, apply);
    }
}
