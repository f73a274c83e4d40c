using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Validation;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>The CEL subset the test server evaluates: the rule forms our CRDs use, and refusal of anything else.</summary>
public sealed class CelRuleTests
{
    [Theory]
    [InlineData("has(self.team) != has(self.user)", """{"team":"a"}""", true)]
    [InlineData("has(self.team) != has(self.user)", """{"team":"a","user":"b"}""", false)]
    [InlineData("has(self.team) != has(self.user)", """{}""", false)]
    [InlineData("has(self.id) || has(self.displayName)", """{"displayName":"x"}""", true)]
    [InlineData("has(self.id) || has(self.displayName)", """{}""", false)]
    [InlineData("self.type != 'okta' || has(self.okta)", """{"type":"entra"}""", true)]
    [InlineData("self.type != 'okta' || has(self.okta)", """{"type":"okta"}""", false)]
    [InlineData("!has(self.authMode) || self.authMode != 'privateKeyJwt' || has(self.clientId)", """{}""", true)]
    [InlineData("!has(self.authMode) || self.authMode != 'privateKeyJwt' || has(self.clientId)", """{"authMode":"privateKeyJwt"}""", false)]
    [InlineData("!has(self.authMode) || self.authMode != 'privateKeyJwt' || has(self.clientId)", """{"authMode":"privateKeyJwt","clientId":"c"}""", true)]
    [InlineData("(self.a == \"x\") && !(self.b == true)", """{"a":"x","b":false}""", true)]
    public void Evaluates_the_supported_forms(string rule, string self, bool expected) =>
        Assert.Equal(expected, CelRule.Parse(rule).IsSatisfiedBy(JsonNode.Parse(self)));

    [Fact]
    public void Reading_a_missing_field_outside_has_is_an_evaluation_error() =>
        Assert.Throws<CelEvaluationException>(() => CelRule.Parse("self.type == 'okta'").IsSatisfiedBy(JsonNode.Parse("{}")));

    [Theory]
    [InlineData("self.items.size() > 0")]
    [InlineData("self.count > 1")]
    [InlineData("other.x == 'a'")]
    [InlineData("self.x in ['a', 'b']")]
    public void Refuses_rules_outside_the_subset(string rule)
    {
        var error = Assert.Throws<NotSupportedException>(() => CelRule.Parse(rule));
        Assert.Contains(rule, error.Message);
    }
}
