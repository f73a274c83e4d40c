using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Validation;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>CEL as the test server evaluates it (the Cel package): the rule forms our CRDs use, and refusal of rules that cannot be checked.</summary>
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
    [InlineData("self.type != 'github' || self.roles.all(r, r.nativeRole in ['admin', 'member'])", """{"type":"github","roles":[{"nativeRole":"admin"},{"nativeRole":"member"}]}""", true)]
    [InlineData("self.type != 'github' || self.roles.all(r, r.nativeRole in ['admin', 'member'])", """{"type":"github","roles":[{"nativeRole":"admin"},{"nativeRole":"owner"}]}""", false)]
    [InlineData("self.roles.all(r, r.nativeRole.matches('^(ADMIN|STANDARD)(:(MANAGER|ANALYST))?$'))", """{"roles":[{"nativeRole":"STANDARD:ANALYST"}]}""", true)]
    [InlineData("self.roles.all(r, r.nativeRole.matches('^(ADMIN|STANDARD)(:(MANAGER|ANALYST))?$'))", """{"roles":[{"nativeRole":"STANDARD:OWNER"}]}""", false)]
    [InlineData("self.items.size() > 1", """{"items":[1,2]}""", true)]
    [InlineData("self.count > 1", """{"count":1}""", false)]
    public void Evaluates_the_supported_forms(string rule, string self, bool expected) =>
        Assert.Equal(expected, CelRule.Parse(rule).IsSatisfiedBy(JsonNode.Parse(self)));

    [Fact]
    public void Reading_a_missing_field_outside_has_is_an_evaluation_error() =>
        Assert.Throws<CelEvaluationException>(() => CelRule.Parse("self.type == 'okta'").IsSatisfiedBy(JsonNode.Parse("{}")));

    [Theory]
    [InlineData("other.x == 'a'")]
    [InlineData("self.x ==")]
    [InlineData("self.x in ['a', 'b'")]
    public void Refuses_rules_that_do_not_compile_or_name_another_variable(string rule)
    {
        var error = Assert.Throws<NotSupportedException>(() => CelRule.Parse(rule));
        Assert.Contains(rule, error.Message);
    }
}
