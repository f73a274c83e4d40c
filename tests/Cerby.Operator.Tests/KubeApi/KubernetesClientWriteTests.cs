using System.Net;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>KubernetesClient writes against the test server: concurrency, status subresource, generation, deletion rules.</summary>
public sealed class KubernetesClientWriteTests
{
    private const string Ns = ApiSession.Ns;

    [Fact]
    public async Task An_update_with_a_stale_resource_version_gets_409_Conflict()
    {
        await using var session = await ApiSession.StartAsync();
        var read = await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("contended", Ns));
        await TeamShares.PatchAsync(session.Client, Ns, "contended", JsonNode.Parse("""{"spec":{"role":"Admin"}}""")!);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => session.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(
            read, TeamShares.Group, TeamShares.Version, Ns, TeamShares.Plural, "contended"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = JsonNode.Parse(error.Response.Content)!;
        Assert.Equal(("Status", "Failure", "Conflict", 409), (Text(status["kind"]), Text(status["status"]), Text(status["reason"]), status["code"]!.GetValue<int>()));
        Assert.Contains("the object has been modified", Text(status["message"]));
    }

    [Fact]
    public async Task A_lease_replaced_from_a_stale_read_gets_409_so_only_one_candidate_wins()
    {
        await using var session = await ApiSession.StartAsync();
        var created = await session.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "leader" },
            Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 },
        }, Ns);

        created.Spec.HolderIdentity = "b";
        await session.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, "leader", Ns);
        created.Spec.HolderIdentity = "c";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => session.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, "leader", Ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("b", (await session.Client.CoordinationV1.ReadNamespacedLeaseAsync("leader", Ns)).Spec.HolderIdentity);
    }

    [Fact]
    public async Task Status_merge_patch_changes_only_status_and_spec_changes_bump_generation()
    {
        await using var session = await ApiSession.StartAsync();
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("generational", Ns));

        var afterStatus = await TeamShares.PatchStatusAsync(session.Client, Ns, "generational", new JsonObject
        {
            ["observedGeneration"] = 1,
            ["conditions"] = new JsonArray(TeamShares.ReadyCondition("True", "Converged", "ok")),
        });
        var afterStatusThroughMain = await TeamShares.PatchAsync(session.Client, Ns, "generational",
            JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}},"status":{"observedGeneration":7}}""")!);
        var afterSpec = await TeamShares.PatchAsync(session.Client, Ns, "generational", JsonNode.Parse("""{"spec":{"role":"Viewer"}}""")!);

        Assert.Equal(1, Generation(afterStatus));
        Assert.Equal("True", Text(afterStatus["status"]!["conditions"]![0]!["status"]));
        Assert.Equal("Editor", Text(afterStatus["spec"]!["role"]));
        Assert.Equal((1L, 1L), (Generation(afterStatusThroughMain), afterStatusThroughMain["status"]!["observedGeneration"]!.GetValue<long>()));
        Assert.Equal(2, Generation(afterSpec));
    }

    [Fact]
    public async Task Delete_with_a_finalizer_marks_the_object_until_the_finalizer_is_removed()
    {
        await using var session = await ApiSession.StartAsync();
        var manifest = TeamShares.Manifest("guarded", Ns);
        manifest["metadata"]!["finalizers"] = new JsonArray("access.cerby.io/cleanup");
        await TeamShares.CreateAsync(session.Client, manifest);

        await session.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(TeamShares.Group, TeamShares.Version, Ns, TeamShares.Plural, "guarded");
        var marked = await TeamShares.GetAsync(session.Client, Ns, "guarded");
        var addFinalizer = await Assert.ThrowsAsync<HttpOperationException>(() => TeamShares.PatchAsync(session.Client, Ns, "guarded",
            JsonNode.Parse("""{"metadata":{"finalizers":["access.cerby.io/cleanup","other"]}}""")!));
        await TeamShares.PatchAsync(session.Client, Ns, "guarded", JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);

        Assert.NotNull(marked["metadata"]!["deletionTimestamp"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, addFinalizer.Response.StatusCode);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => TeamShares.GetAsync(session.Client, Ns, "guarded"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        Assert.Equal("teamshares.access.cerby.io \"guarded\" not found", Text(JsonNode.Parse(gone.Response.Content)!["message"]));
    }

    [Fact]
    public async Task Deleting_an_owner_deletes_its_dependents()
    {
        await using var session = await ApiSession.StartAsync();
        var owner = await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("owner", Ns));
        await session.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "owned",
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "access.cerby.io/v1alpha1", Kind = "TeamShare", Name = "owner",
                        Uid = Text(owner["metadata"]!["uid"]), Controller = true,
                    },
                ],
            },
            StringData = new Dictionary<string, string> { ["token"] = "t" },
        }, Ns);

        await session.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(TeamShares.Group, TeamShares.Version, Ns, TeamShares.Plural, "owner");

        Assert.Empty((await session.Client.CoreV1.ListNamespacedSecretAsync(Ns)).Items);
    }

    [Fact]
    public async Task A_deleted_namespace_terminates_until_its_last_object_is_gone()
    {
        await using var session = await ApiSession.StartAsync();
        var manifest = TeamShares.Manifest("lingering", Ns);
        manifest["metadata"]!["finalizers"] = new JsonArray("access.cerby.io/cleanup");
        await TeamShares.CreateAsync(session.Client, manifest);
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("plain", Ns));

        await session.Client.CoreV1.DeleteNamespaceAsync(Ns);
        var terminating = await session.Client.CoreV1.ReadNamespaceAsync(Ns);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => TeamShares.CreateAsync(session.Client, TeamShares.Manifest("late", Ns)));
        await TeamShares.PatchAsync(session.Client, Ns, "lingering", JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);

        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => session.Client.CoreV1.ReadNamespaceAsync(Ns));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Events_written_through_events_k8s_io_are_listed_by_core_v1_with_field_selectors()
    {
        await using var session = await ApiSession.StartAsync();
        await session.Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "share.1" },
            EventTime = DateTime.UtcNow,
            ReportingController = "access.cerby.io/operator",
            ReportingInstance = "operator-0",
            Action = "Reconcile",
            Reason = "Provisioned",
            Type = "Normal",
            Note = "3 users",
            Regarding = new V1ObjectReference { Kind = "TeamShare", Name = "share", NamespaceProperty = Ns },
        }, Ns);

        var core = await session.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=share,involvedObject.kind=TeamShare");
        var other = await session.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=other");

        var coreEvent = Assert.Single(core.Items);
        Assert.Equal(("3 users", "access.cerby.io/operator"), (coreEvent.Message, coreEvent.ReportingComponent));
        Assert.Empty(other.Items);
    }

    [Fact]
    public async Task Requests_are_recorded_in_rbac_terms()
    {
        await using var session = await ApiSession.StartAsync();
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("recorded", Ns));
        await TeamShares.PatchStatusAsync(session.Client, Ns, "recorded", new JsonObject { ["grantedUsers"] = 1 });

        var requests = session.Server.Requests.Select(r => r with { UserAgent = null }).ToList();
        Assert.Contains(new RecordedRequest("create", "", "namespaces", null, null, null), requests);
        Assert.Contains(new RecordedRequest("create", "access.cerby.io", "teamshares", Ns, null, null), requests);
        Assert.Contains(new RecordedRequest("patch", "access.cerby.io", "teamshares", Ns, "status", "recorded"), requests);
        Assert.All(session.Server.Requests, r => Assert.False(string.IsNullOrEmpty(r.UserAgent)));
    }

    [Fact]
    public async Task A_crd_with_a_cel_rule_that_does_not_compile_fails_start_up()
    {
        var folder = Directory.CreateTempSubdirectory("cerby-crds-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "widgets.yaml"), """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: { name: widgets.example.com }
            spec:
              group: example.com
              names: { kind: Widget, plural: widgets }
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    x-kubernetes-validations:
                    - rule: self.spec.size( > 0
            """);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => KubeApiServer.KubeApiServer.StartAsync(new KubeApiServerOptions { CrdDirectory = folder }));

        Assert.Contains("does not compile", error.Message);
        Directory.Delete(folder, recursive: true);
    }

    private static long Generation(JsonObject obj) => obj["metadata"]!["generation"]!.GetValue<long>();

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
