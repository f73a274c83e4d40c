using System.Text.Json.Nodes;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Schema;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.Resources;

public sealed class SchemaValidatorTests
{
    private static readonly V1JSONSchemaProps HubSchema =
        CrdGenerator.Generate(typeof(BusinessHub)).Spec.Versions[0].Schema.OpenAPIV3Schema;

    private static readonly V1JSONSchemaProps ShareSchema =
        CrdGenerator.Generate(typeof(TeamShare)).Spec.Versions[0].Schema.OpenAPIV3Schema;

    [Fact]
    public void Valid_hub_passes()
    {
        Assert.Empty(SchemaValidator.Validate(ValidHub(), HubSchema));
    }

    [Fact]
    public void Valid_share_passes()
    {
        var share = ValidShareWithAssets("""[ { "kind": "page", "id": "1234" }, { "kind": "adAccount", "id": "1234", "role": "Admin" } ]""");

        Assert.Empty(SchemaValidator.Validate(share, ShareSchema));
    }

    [Fact]
    public void Resources_serialised_from_the_csharp_model_pass_their_schema()
    {
        var hub = new BusinessHub
        {
            Metadata = new V1ObjectMeta { Name = "hub", NamespaceProperty = "team-a" },
            Spec = new BusinessHubSpec
            {
                Connector = new HubConnector { Type = ConnectorType.Scim, BaseUrl = "https://app.example.com/scim/v2", CredentialsSecretRef = new SecretReference { Name = "scim-token" } },
                Roles = [new HubRole { Name = "Admin", NativeRole = "ADMIN", AssetTasks = ["MANAGE"] }],
            },
            Status = new BusinessHubStatus
            {
                Conditions = [new Condition { Type = "Ready", Status = ConditionStatus.True, Reason = "Synced", LastTransitionTime = DateTimeOffset.UnixEpoch }],
                MembersByRole = new Dictionary<string, int> { ["Admin"] = 1 },
                LastSyncTime = DateTimeOffset.UnixEpoch,
            },
        };
        var share = new TeamShare
        {
            Metadata = new V1ObjectMeta { Name = "share" },
            Spec = new TeamShareSpec { HubRef = new LocalObjectReference { Name = "hub" }, Subject = new ShareSubject { User = "00u1abcd" }, Role = "Admin" },
        };

        Assert.Empty(SchemaValidator.Validate(JsonNode.Parse(KubernetesJson.Serialize(hub))!, HubSchema));
        Assert.Empty(SchemaValidator.Validate(JsonNode.Parse(KubernetesJson.Serialize(share))!, ShareSchema));
    }

    [Fact]
    public void Unknown_enum_value_is_unsupported()
    {
        var errors = HubErrors(hub => hub["spec"]!["policy"]!["drift"] = "owner");

        Assert.Equal(["spec.policy.drift: Unsupported value: \"owner\": supported values: \"report\", \"enforce\""], errors);
    }

    [Fact]
    public void Missing_required_field_is_a_required_value()
    {
        var errors = HubErrors(hub => hub["spec"]!["roles"]![1]!.AsObject().Remove("nativeRole"));

        Assert.Equal(["spec.roles[1].nativeRole: Required value"], errors);
    }

    [Fact]
    public void Missing_spec_is_a_required_value()
    {
        var errors = HubErrors(hub => hub.Remove("spec"));

        Assert.Equal(["spec: Required value"], errors);
    }

    [Fact]
    public void Null_optional_field_counts_as_absent_but_null_required_field_is_missing()
    {
        var errors = HubErrors(hub =>
        {
            hub["spec"]!["connector"]!["businessId"] = null;
            hub["spec"]!["connector"]!["baseUrl"] = null;
        });

        Assert.Equal(["spec.connector.baseUrl: Required value"], errors);
    }

    [Fact]
    public void String_not_matching_the_pattern_is_invalid()
    {
        var errors = HubErrors(hub => hub["spec"]!["roles"]![1]!["name"] = "-Editor");

        Assert.Equal([$"spec.roles[1].name: Invalid value: \"-Editor\": should match '{Patterns.Name}'"], errors);
    }

    [Fact]
    public void Value_of_the_wrong_type_is_invalid()
    {
        var errors = HubErrors(hub =>
        {
            hub["spec"]!["policy"]!["removalGuard"]!["maxRemovals"] = "5";
            hub["spec"]!["policy"]!["paused"] = 1;
            hub["spec"]!["roles"]![0]!["assetTasks"] = "MANAGE";
        });

        Assert.Equal(
            [
                "spec.roles[0].assetTasks: Invalid value: \"string\": must be of type array",
                "spec.policy.removalGuard.maxRemovals: Invalid value: \"string\": must be of type integer",
                "spec.policy.paused: Invalid value: \"number\": must be of type boolean",
            ],
            errors);
    }

    [Fact]
    public void Integer_accepts_integral_numbers_only()
    {
        Assert.Empty(HubErrors(hub => hub["spec"]!["policy"]!["removalGuard"]!["maxRemovals"] = JsonNode.Parse("5.0")));
        Assert.Equal(
            ["spec.policy.removalGuard.maxRemovals: Invalid value: \"number\": must be of type integer"],
            HubErrors(hub => hub["spec"]!["policy"]!["removalGuard"]!["maxRemovals"] = 5.5));
    }

    [Fact]
    public void Undeclared_field_is_unknown()
    {
        var errors = HubErrors(hub => hub["spec"]!["connector"]!["baseURL"] = "https://typo.example.com");

        Assert.Equal(["spec.connector.baseURL: unknown field \"baseURL\""], errors);
    }

    [Fact]
    public void Metadata_content_is_not_validated_beyond_being_an_object()
    {
        Assert.Empty(HubErrors(hub => hub["metadata"]!["labels"] = new JsonObject { ["anything"] = "goes" }));
        Assert.Equal(["metadata: Invalid value: \"string\": must be of type object"], HubErrors(hub => hub["metadata"] = "hub"));
    }

    [Fact]
    public void Too_many_items_is_reported_on_the_list()
    {
        var errors = HubErrors(hub =>
        {
            var roles = new JsonArray();
            for (var i = 0; i < 65; i++)
            {
                roles.Add(new JsonObject { ["name"] = $"Role{i}", ["nativeRole"] = $"ROLE{i}" });
            }

            hub["spec"]!["roles"] = roles;
        });

        Assert.Equal(["spec.roles: Too many: 65: must have at most 64 items"], errors);
    }

    [Fact]
    public void Too_few_items_is_invalid()
    {
        var errors = HubErrors(hub => hub["spec"]!["roles"] = new JsonArray());

        Assert.Equal(["spec.roles: Invalid value: 0: should have at least 1 items"], errors);
    }

    [Fact]
    public void Duplicate_list_map_key_is_reported_on_the_second_item()
    {
        var errors = HubErrors(hub => hub["spec"]!["roles"]![1]!["name"] = "Admin");

        Assert.Equal(["spec.roles[1]: Duplicate value: {\"name\":\"Admin\"}"], errors);
    }

    [Fact]
    public void Duplicate_composite_list_map_key_needs_every_key_equal()
    {
        var share = ValidShareWithAssets("""[ { "kind": "page", "id": "1" }, { "kind": "adAccount", "id": "1" }, { "kind": "page", "id": "1", "role": "Admin" } ]""");

        var errors = SchemaValidator.Validate(share, ShareSchema).Select(error => error.ToString());

        Assert.Equal(["spec.assets[2]: Duplicate value: {\"kind\":\"page\",\"id\":\"1\"}"], errors);
    }

    [Fact]
    public void Duplicate_set_item_is_reported()
    {
        var errors = HubErrors(hub => hub["spec"]!["roles"]![0]!["assetTasks"] = new JsonArray("MANAGE", "ADVERTISE", "MANAGE"));

        Assert.Equal(["spec.roles[0].assetTasks[2]: Duplicate value: \"MANAGE\""], errors);
    }

    [Fact]
    public void String_lengths_are_checked_in_characters()
    {
        Assert.Empty(HubErrors(hub => hub["spec"]!["roles"]![0]!["nativeRole"] = new string('é', 128)));
        Assert.Equal(
            ["spec.roles[0].nativeRole: Too long: may not be longer than 128"],
            HubErrors(hub => hub["spec"]!["roles"]![0]!["nativeRole"] = new string('é', 129)));
        Assert.Equal(
            ["spec.roles[0].nativeRole: Invalid value: \"\": should be at least 1 chars long"],
            HubErrors(hub => hub["spec"]!["roles"]![0]!["nativeRole"] = ""));
    }

    [Fact]
    public void Numbers_outside_the_range_are_invalid()
    {
        var errors = HubErrors(hub =>
        {
            hub["spec"]!["policy"]!["removalGuard"]!["maxRemovals"] = -1;
            hub["spec"]!["policy"]!["removalGuard"]!["maxRemovalsPercent"] = 101;
        });

        Assert.Equal(
            [
                "spec.policy.removalGuard.maxRemovals: Invalid value: -1: should be greater than or equal to 0",
                "spec.policy.removalGuard.maxRemovalsPercent: Invalid value: 101: should be less than or equal to 100",
            ],
            errors);
    }

    [Fact]
    public void Malformed_date_time_is_invalid()
    {
        Assert.Equal(
            ["status.lastSyncTime: Invalid value: \"yesterday\": must be of type date-time"],
            HubErrors(hub => hub["status"]!["lastSyncTime"] = "yesterday"));
        Assert.Equal(
            ["status.lastSyncTime: Invalid value: \"2025-13-01T00:00:00Z\": must be of type date-time"],
            HubErrors(hub => hub["status"]!["lastSyncTime"] = "2025-13-01T00:00:00Z"));
    }

    [Fact]
    public void Map_values_are_validated_under_their_key()
    {
        var errors = HubErrors(hub => hub["status"]!["membersByRole"]!["Team Admin"] = "three");

        Assert.Equal(["status.membersByRole[Team Admin]: Invalid value: \"string\": must be of type integer"], errors);
    }

    [Fact]
    public void Cel_rules_are_not_evaluated()
    {
        var share = ValidShareWithAssets("[]");
        share["spec"]!["subject"] = new JsonObject { ["team"] = "Marketing", ["user"] = "00u1abcd" };

        Assert.Empty(SchemaValidator.Validate(share, ShareSchema));
    }

    [Fact]
    public void Every_violation_is_reported()
    {
        var errors = HubErrors(hub =>
        {
            hub["spec"]!["policy"]!["drift"] = "owner";
            hub["spec"]!["connector"]!.AsObject().Remove("type");
            hub["spec"]!["extra"] = true;
        });

        Assert.Equal(3, errors.Count);
    }

    private static List<string> HubErrors(Action<JsonObject> change)
    {
        var hub = ValidHub();
        change(hub);
        return [.. SchemaValidator.Validate(hub, HubSchema).Select(error => error.ToString())];
    }

    private static JsonObject ValidHub() => JsonNode.Parse("""
        {
          "apiVersion": "access.cerby.io/v1alpha1",
          "kind": "BusinessHub",
          "metadata": { "name": "meta-marketing", "namespace": "marketing", "labels": { "app": "meta" } },
          "spec": {
            "connector": {
              "type": "meta",
              "baseUrl": "https://graph.facebook.com/v21.0",
              "credentialsSecretRef": { "name": "meta-token" },
              "inviteRequired": true,
              "businessId": "1234567890"
            },
            "roles": [
              { "name": "Admin", "nativeRole": "ADMIN", "assetTasks": [ "MANAGE", "ADVERTISE" ] },
              { "name": "Employee", "nativeRole": "EMPLOYEE" }
            ],
            "policy": {
              "drift": "report",
              "removal": "suspend",
              "removalGuard": { "maxRemovals": 5, "maxRemovalsPercent": 10 },
              "paused": false,
              "dryRun": true,
              "resyncInterval": "1h30m"
            }
          },
          "status": {
            "observedGeneration": 3,
            "conditions": [
              { "type": "Ready", "status": "True", "reason": "Synced", "message": "", "lastTransitionTime": "2025-01-02T03:04:05Z", "observedGeneration": 3 }
            ],
            "members": 2,
            "membersByRole": { "Admin": 1, "Employee": 1 },
            "pendingInvites": 0,
            "drift": { "count": 1, "entries": [ "jane@example.com holds ADMIN, declared EMPLOYEE" ] },
            "lastSyncTime": "2025-01-02T03:04:05.123+02:00"
          }
        }
        """)!.AsObject();

    private static JsonObject ValidShareWithAssets(string assets) => JsonNode.Parse($$"""
        {
          "apiVersion": "access.cerby.io/v1alpha1",
          "kind": "TeamShare",
          "metadata": { "name": "share" },
          "spec": { "hubRef": { "name": "hub" }, "subject": { "team": "Marketing" }, "role": "Editor", "assets": {{assets}} }
        }
        """)!.AsObject();
}
