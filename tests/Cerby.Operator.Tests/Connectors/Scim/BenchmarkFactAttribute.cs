namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>A fact that runs only when CERBY_SCIM_BENCH=1: the connector benchmarks take minutes against scimmy.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CERBY_SCIM_BENCH") != "1")
        {
            Skip = "benchmark: set CERBY_SCIM_BENCH=1 to run";
        }
    }
}
