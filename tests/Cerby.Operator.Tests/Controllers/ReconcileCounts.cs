using System.Globalization;
using System.Text.RegularExpressions;

namespace Cerby.Operator.Tests.Controllers;

/// <summary>cerby_reconcile_total from the operator's /metrics text, per controller and result.</summary>
internal static partial class ReconcileCounts
{
    public static double Of(string metrics, string controller, string? result = null) =>
        Line().Matches(metrics)
            .Where(m => m.Groups["controller"].Value == controller && (result is null || m.Groups["result"].Value == result))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^cerby_reconcile_total\{controller="(?<controller>[^"]+)",result="(?<result>[^"]+)"\} (?<value>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex Line();
}
