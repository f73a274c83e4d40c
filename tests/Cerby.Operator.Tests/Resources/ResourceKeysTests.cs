using Cerby.Operator.Resources.Validation;
using k8s.Models;

namespace Cerby.Operator.Tests.Resources;

/// <summary>One rule for a missing namespace, whichever way a key is made or read back: it is "default", as kubectl puts it.</summary>
public sealed class ResourceKeysTests
{
    [Theory]
    [InlineData(null, "default/hub")]
    [InlineData("", "default/hub")]
    [InlineData("team-b", "team-b/hub")]
    public void An_object_without_a_namespace_is_keyed_in_default(string? ns, string key)
    {
        var meta = new V1ObjectMeta { Name = "hub", NamespaceProperty = ns };

        Assert.Equal(key, ResourceKeys.Of(meta));
        Assert.Equal($"{key.Split('/')[0]}/hub-ref", ResourceKeys.Sibling(meta, "hub-ref"));
    }

    [Theory]
    [InlineData("team-b/hub", "team-b", "hub")]
    [InlineData("default/hub", "default", "hub")]
    [InlineData("hub", "default", "hub")]
    [InlineData("/hub", "default", "hub")]
    public void A_key_reads_back_by_the_same_rule(string key, string ns, string name)
    {
        Assert.Equal((ns, name), ResourceKeys.Parse(key));
        Assert.Equal(ns, ResourceKeys.NamespaceOfKey(key));
    }

    [Fact]
    public void A_key_made_from_an_object_reads_back_to_the_same_namespace_and_name()
    {
        var meta = new V1ObjectMeta { Name = "editors" };

        Assert.Equal((ResourceKeys.NamespaceOf(meta), meta.Name), ResourceKeys.Parse(ResourceKeys.Of(meta)));
    }
}
