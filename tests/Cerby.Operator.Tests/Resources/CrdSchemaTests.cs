using System.Text.Json.Serialization;
using System.Xml.Linq;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Schema;
using k8s.Models;

namespace Cerby.Operator.Tests.Resources;

public sealed class CrdSchemaTests
{
    public static TheoryData<Type> Kinds => [.. CrdGenerator.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_field_at_every_depth_has_a_description(Type kind)
    {
        var nodes = Nodes(Schema(kind), "").ToList();

        var fields = nodes.Where(node => !node.Path.EndsWith("[*]", StringComparison.Ordinal) || node.Schema.Type == "object").ToList();
        Assert.Empty(fields.Where(field => string.IsNullOrWhiteSpace(field.Schema.Description)).Select(field => field.Path));
        Assert.Contains(fields, field => field.Path == "status.conditions[*].reason");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_schema_node_has_a_type_as_a_structural_schema_requires(Type kind)
    {
        var untyped = Nodes(Schema(kind), "").Where(node => node.Schema.Type is null).Select(node => node.Path);

        Assert.Empty(untyped);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Top_level_schema_is_the_resource_envelope_with_spec_required(Type kind)
    {
        var schema = Schema(kind);

        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], schema.Properties.Keys);
        Assert.Equal(["spec"], schema.Required);
        Assert.Equal("object", schema.Properties["metadata"].Type);
        Assert.Null(schema.Properties["metadata"].Properties);
    }

    [Fact]
    public void Crd_is_named_and_served_as_a_namespaced_v1alpha1_kind_with_a_status_subresource()
    {
        var crd = CrdGenerator.Generate(typeof(TeamShare));

        Assert.Equal("teamshares.access.cerby.io", crd.Metadata.Name);
        Assert.Equal("access.cerby.io", crd.Spec.Group);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        Assert.Equal("TeamShare", crd.Spec.Names.Kind);
        Assert.Equal("TeamShareList", crd.Spec.Names.ListKind);
        Assert.Equal("teamshare", crd.Spec.Names.Singular);
        Assert.Equal(["share", "ts"], crd.Spec.Names.ShortNames);
        Assert.Equal(["cerby"], crd.Spec.Names.Categories);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served);
        Assert.True(version.Storage);
        Assert.NotNull(version.Subresources.Status);
    }

    [Fact]
    public void TeamShare_subject_carries_the_exactly_one_of_team_or_user_rule()
    {
        var subject = Schema(typeof(TeamShare)).Properties["spec"].Properties["subject"];

        var rule = Assert.Single(subject.XKubernetesValidations);
        Assert.Equal("has(self.team) != has(self.user)", rule.Rule);
        Assert.Contains("exactly one of team or user", rule.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_cel_rules_apply_to_the_object_schema_of_that_class()
    {
        var spec = Schema(typeof(IdentityProvider)).Properties["spec"];

        Assert.Equal(
            ["self.type != 'okta' || has(self.okta)", "self.type != 'entra' || has(self.entra)", "self.type != 'scim' || !has(self.appIntegration)"],
            spec.XKubernetesValidations.Select(rule => rule.Rule));
        Assert.Null(spec.Properties["type"].XKubernetesValidations);
    }

    [Fact]
    public void BusinessHub_drift_policy_enum_is_report_or_enforce()
    {
        var drift = Schema(typeof(BusinessHub)).Properties["spec"].Properties["policy"].Properties["drift"];

        Assert.Equal("string", drift.Type);
        Assert.Equal(["report", "enforce"], drift.EnumProperty);
    }

    [Fact]
    public void Enum_without_member_names_uses_the_member_names()
    {
        var status = Schema(typeof(TeamShare)).Properties["status"].Properties["conditions"].Items;

        Assert.Equal(["True", "False", "Unknown"], ((V1JSONSchemaProps)status).Properties["status"].EnumProperty);
    }

    [Fact]
    public void TeamShare_printer_columns_include_role_and_hub()
    {
        var columns = CrdGenerator.Generate(typeof(TeamShare)).Spec.Versions[0].AdditionalPrinterColumns;

        Assert.Equal(["Hub", "Team", "User", "Role", "Ready", "Users", "Expires", "Age"], columns.Select(column => column.Name));
        Assert.Contains(columns, column => column is { Name: "Role", JsonPath: ".spec.role", Type: "string" });
        Assert.Contains(columns, column => column is { Name: "Hub", JsonPath: ".spec.hubRef.name", Type: "string" });
    }

    [Fact]
    public void IdpGroupBinding_printer_columns_include_members()
    {
        var columns = CrdGenerator.Generate(typeof(IdpGroupBinding)).Spec.Versions[0].AdditionalPrinterColumns;

        Assert.Contains(columns, column => column is { Name: "Members", JsonPath: ".status.memberCount", Type: "integer", Priority: null });
    }

    [Fact]
    public void Properties_and_required_lists_follow_declaration_order()
    {
        var spec = Schema(typeof(TeamShare)).Properties["spec"];

        Assert.Equal(["hubRef", "subject", "role", "assets", "expiresAt", "duration", "scope"], spec.Properties.Keys);
        Assert.Equal(["hubRef", "subject", "role"], spec.Required);
    }

    [Fact]
    public void Data_annotations_become_lengths_patterns_items_and_bounds()
    {
        var spec = Schema(typeof(BusinessHub)).Properties["spec"];
        var roles = spec.Properties["roles"];
        var roleName = ((V1JSONSchemaProps)roles.Items).Properties["name"];
        var guard = spec.Properties["policy"].Properties["removalGuard"].Properties["maxRemovalsPercent"];

        Assert.Equal((1L, 64L), (roles.MinItems, roles.MaxItems));
        Assert.Equal((1L, 63L), (roleName.MinLength, roleName.MaxLength));
        Assert.Equal(Patterns.Name, roleName.Pattern);
        Assert.Equal(("integer", "int32", 0d, 100d), (guard.Type, guard.Format, guard.Minimum, guard.Maximum));
    }

    [Fact]
    public void Range_bound_at_the_type_limit_is_left_out()
    {
        var conditions = (V1JSONSchemaProps)Schema(typeof(BusinessHub)).Properties["status"].Properties["conditions"].Items;
        var observedGeneration = conditions.Properties["observedGeneration"];

        Assert.Equal(0d, observedGeneration.Minimum);
        Assert.Null(observedGeneration.Maximum);
    }

    [Fact]
    public void List_markers_become_list_types()
    {
        var roles = Schema(typeof(BusinessHub)).Properties["spec"].Properties["roles"];
        var assetTasks = ((V1JSONSchemaProps)roles.Items).Properties["assetTasks"];
        var assets = Schema(typeof(TeamShare)).Properties["spec"].Properties["assets"];

        Assert.Equal("map", roles.XKubernetesListType);
        Assert.Equal(["name"], roles.XKubernetesListMapKeys);
        Assert.Equal("set", assetTasks.XKubernetesListType);
        Assert.Null(assetTasks.XKubernetesListMapKeys);
        Assert.Equal("map", assets.XKubernetesListType);
        Assert.Equal(["kind", "id"], assets.XKubernetesListMapKeys);
    }

    [Fact]
    public void Dictionaries_become_additional_properties_and_timestamps_date_times()
    {
        var status = Schema(typeof(BusinessHub)).Properties["status"];
        var membersByRole = status.Properties["membersByRole"];

        Assert.Equal("object", membersByRole.Type);
        Assert.Equal("integer", ((V1JSONSchemaProps)membersByRole.AdditionalProperties).Type);
        Assert.Equal(("string", "date-time"), (status.Properties["lastSyncTime"].Type, status.Properties["lastSyncTime"].Format));
    }

    [Fact]
    public void Missing_description_fails_generation_naming_the_type_and_property()
    {
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Cerby.Operator.Resources.xml"));
        docs.Descendants("member").Single(member => member.Attribute("name")?.Value == "P:Cerby.Operator.Resources.HubRole.NativeRole").Remove();

        var error = Assert.Throws<InvalidOperationException>(() => new OpenApiSchemaBuilder(new XmlDocs(docs)).ForKind(typeof(BusinessHub)));

        Assert.Contains("Cerby.Operator.Resources.HubRole.NativeRole", error.Message, StringComparison.Ordinal);
        Assert.Contains("<summary>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_list_map_key_fails_generation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new OpenApiSchemaBuilder(DescribeEverything(typeof(Gadget))).ForKind(typeof(Gadget)));

        Assert.Contains("GadgetSpec.Parts", error.Message, StringComparison.Ordinal);
        Assert.Contains("not required: name", error.Message, StringComparison.Ordinal);
    }

    private static V1JSONSchemaProps Schema(Type kind) =>
        CrdGenerator.Generate(kind).Spec.Versions[0].Schema.OpenAPIV3Schema;

    // Every schema node with its path: properties by name, list items as [*], map values as [*] too.
    private static IEnumerable<(string Path, V1JSONSchemaProps Schema)> Nodes(V1JSONSchemaProps schema, string path)
    {
        yield return (path.Length == 0 ? "<root>" : path, schema);
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var node in Nodes(property, path.Length == 0 ? name : $"{path}.{name}"))
            {
                yield return node;
            }
        }

        foreach (var element in new[] { schema.Items, schema.AdditionalProperties }.OfType<V1JSONSchemaProps>())
        {
            foreach (var node in Nodes(element, $"{path}[*]"))
            {
                yield return node;
            }
        }
    }

    // Documentation that describes every type and property involved, for kinds declared in this test assembly.
    private static XmlDocs DescribeEverything(Type kind)
    {
        var types = new[] { kind, kind.BaseType!.GetGenericTypeDefinition() }.Concat(kind.BaseType.GenericTypeArguments).Append(typeof(GadgetPart));
        var members = types.SelectMany(type => type.GetProperties().Select(property => $"P:{type.FullName!.Replace('+', '.')}.{property.Name}").Prepend($"T:{type.FullName!.Replace('+', '.')}"));
        return new XmlDocs(new XDocument(new XElement("doc", new XElement("members",
            members.Select(member => new XElement("member", new XAttribute("name", member), new XElement("summary", "Described.")))))));
    }

    public sealed class Gadget : CustomResource<GadgetSpec, GadgetStatus>
    {
        public override string Kind { get; set; } = "Gadget";
    }

    public sealed record GadgetSpec
    {
        [ListMapKeys("name")]
        [JsonPropertyName("parts")]
        public List<GadgetPart> Parts { get; init; } = [];
    }

    public sealed record GadgetPart
    {
        [JsonPropertyName("name")]
        public string? Name { get; init; }
    }

    public sealed record GadgetStatus;
}
