using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Resources;

namespace Cerby.KubeApiServer.Http;

/// <summary>
/// Legacy discovery documents (APIVersions, APIGroupList, APIGroup, APIResourceList). They are served as plain
/// <c>application/json</c>, so client-go falls back from aggregated discovery to these.
/// </summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-cerby-test",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "none (Cerby.KubeApiServer)",
        ["compiler"] = "none",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.Groups().Select(group => (JsonNode)Group(group.Group, group.Versions)).ToArray()),
    };

    public static JsonObject? Group(ResourceRegistry registry, string name) =>
        registry.Groups().Where(group => group.Group == name).Select(group => Group(group.Group, group.Versions)).FirstOrDefault();

    public static JsonObject? Resources(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All().Where(type => type.Group == group && type.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            resources.Add(new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = Strings(AllVerbs),
                ["shortNames"] = Strings(type.ShortNames),
                ["categories"] = Strings(type.Categories),
            });
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = Strings(["get", "patch", "update"]),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        JsonObject GroupVersion(string version) => new() { ["groupVersion"] = $"{name}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = new JsonArray(versions.Select(version => (JsonNode)GroupVersion(version)).ToArray()),
            ["preferredVersion"] = GroupVersion(versions[0]),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(value => (JsonNode)value).ToArray());
}
