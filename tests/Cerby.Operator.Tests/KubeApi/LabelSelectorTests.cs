using Cerby.KubeApiServer.Selectors;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>Label selector requirements as the API server parses them.</summary>
public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["env"] = "prod" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("tier!=db", true)]
    [InlineData("env in (prod,qa)", true)]
    [InlineData("env notin (prod)", false)]
    [InlineData("tier notin (db)", true)]
    [InlineData("app", true)]
    [InlineData("!app", false)]
    [InlineData("!tier", true)]
    [InlineData("app=web,env in (qa, dev)", false)]
    [InlineData("", true)]
    public void Matches_like_the_api_server(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));
}
