using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Selectors;
using Cerby.KubeApiServer.Semantics;
using Cerby.KubeApiServer.Tables;
using Microsoft.AspNetCore.Http;

namespace Cerby.KubeApiServer.Http;

/// <summary>Serves the verbs on resource paths (get, list, watch, create, update, patch, delete, deletecollection).</summary>
internal sealed class ResourceEndpoint(ObjectService service, WatchStreamer watches, Action<RecordedRequest> record, TimeProvider clock)
{
    public async Task HandleAsync(HttpContext context, ApiTarget target)
    {
        var request = context.Request;
        var verb = VerbOf(request, target);
        record(new RecordedRequest(verb, target.Type.Group, target.Type.Plural, target.Namespace, target.Subresource, target.Name, request.Headers.UserAgent.ToString()));
        var type = target.Type;
        var @namespace = target.Namespace ?? "";
        switch (verb)
        {
            case "get":
                await WriteObjectOrTableAsync(context, type, service.Get(type, @namespace, target.Name!));
                break;
            case "list":
                await ListAsync(context, type, target.Namespace);
                break;
            case "watch":
                await watches.StreamAsync(context, type, target.Namespace, Labels(request), Fields(request, type, target.Name), WatchParametersOf(request.Query),
                    obj => TableBuilder.IsRequested(request.Headers.Accept) ? TableOf(context, type, obj) : obj);
                break;
            case "create":
                await WriteAsync(context, service.Create(type, @namespace, await HttpIo.ReadObjectAsync(request), WriteOptionsOf(request.Query)));
                break;
            case "update":
                await WriteAsync(context, service.Update(type, @namespace, target.Name!, target.Subresource, await HttpIo.ReadObjectAsync(request), WriteOptionsOf(request.Query)));
                break;
            case "patch":
                await PatchAsync(context, target, type, @namespace);
                break;
            case "delete":
                await WriteAsync(context, service.Delete(type, @namespace, target.Name!, await DeleteRequestOfAsync(request)));
                break;
            case "deletecollection":
                await DeleteCollectionAsync(context, type, target.Namespace);
                break;
        }
    }

    private async Task PatchAsync(HttpContext context, ApiTarget target, ResourceType type, string @namespace)
    {
        var kind = PatchRequest.KindOf(context.Request.ContentType);
        if (kind == PatchKind.Apply && string.IsNullOrEmpty(context.Request.Query["fieldManager"]))
        {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var patch = new PatchRequest(kind, await HttpIo.ReadBodyAsync(context.Request), context.Request.Query["fieldManager"].ToString());
        await WriteAsync(context, service.Patch(type, @namespace, target.Name!, target.Subresource, patch, WriteOptionsOf(context.Request.Query)));
    }

    private async Task ListAsync(HttpContext context, ResourceType type, string? @namespace)
    {
        var (items, version) = Matching(context.Request, type, @namespace);
        if (TableBuilder.IsRequested(context.Request.Headers.Accept))
        {
            await HttpIo.WriteJsonAsync(context, 200, TableBuilder.Build(type, items, version, context.Request.Query["includeObject"], clock.GetUtcNow()));
            return;
        }

        var list = new JsonObject
        {
            ["apiVersion"] = type.ApiVersion,
            ["kind"] = type.ListKind,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture), ["continue"] = "" },
            ["items"] = new JsonArray(items.Select(item => (JsonNode)item).ToArray()),
        };
        await HttpIo.WriteJsonAsync(context, 200, list);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceType type, string? @namespace)
    {
        var request = await DeleteRequestOfAsync(context.Request);
        foreach (var item in Matching(context.Request, type, @namespace).Items)
        {
            service.Delete(type, item.AtPath("metadata.namespace")?.GetValue<string>() ?? "", item.AtPath("metadata.name")!.GetValue<string>(), request);
        }

        await HttpIo.WriteJsonAsync(context, 200, StatusBodies.Deleted(type.Group, type.Plural, "", ""));
    }

    private (List<JsonObject> Items, long Version) Matching(HttpRequest request, ResourceType type, string? @namespace)
    {
        var labels = Labels(request);
        var fields = Fields(request, type);
        var (stored, version) = service.Store.List(type.StorageKey, @namespace);
        var items = stored.Where(obj => labels.Matches(obj.Labels()) && fields.Matches(obj)).Select(obj => service.ToWire(type, obj)).ToList();
        return (items, version);
    }

    private async Task WriteObjectOrTableAsync(HttpContext context, ResourceType type, JsonObject obj) =>
        await HttpIo.WriteJsonAsync(context, 200, TableBuilder.IsRequested(context.Request.Headers.Accept) ? TableOf(context, type, obj) : obj);

    private JsonObject TableOf(HttpContext context, ResourceType type, JsonObject obj)
    {
        var version = long.Parse(obj.AtPath("metadata.resourceVersion")?.GetValue<string>() ?? "0", CultureInfo.InvariantCulture);
        return TableBuilder.Build(type, [obj], version, context.Request.Query["includeObject"], clock.GetUtcNow());
    }

    private static Task WriteAsync(HttpContext context, WriteResult result) =>
        HttpIo.WriteJsonAsync(context, result.StatusCode, result.Body, result.Warnings);

    private static string VerbOf(HttpRequest request, ApiTarget target) => request.Method switch
    {
        "GET" when target.IsWatchPath => "watch",
        "GET" when target.Name is not null => "get",
        "GET" when QueryFlags.IsTrue(request.Query, "watch") => "watch",
        "GET" => "list",
        "POST" when target.Name is null => "create",
        "PUT" when target.Name is not null => "update",
        "PATCH" when target.Name is not null => "patch",
        "DELETE" when target.Name is not null => "delete",
        "DELETE" => "deletecollection",
        _ => throw new ApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"),
    };

    private static LabelSelector Labels(HttpRequest request) => LabelSelector.Parse(request.Query["labelSelector"]);

    /// <param name="name">The object a deprecated <c>watch/…/{name}</c> path watches, as the real server turns it into a field selector.</param>
    private static FieldSelector Fields(HttpRequest request, ResourceType type, string? name = null)
    {
        var selector = (string?)request.Query["fieldSelector"];
        if (name is not null)
        {
            selector = string.IsNullOrEmpty(selector) ? $"metadata.name={name}" : $"{selector},metadata.name={name}";
        }

        return FieldSelector.Parse(selector, isEvent: type.StorageKey == "events");
    }

    private static WatchParameters WatchParametersOf(IQueryCollection query)
    {
        var version = (string?)query["resourceVersion"];
        long? from = string.IsNullOrEmpty(version) || version == "0" ? null
            : long.TryParse(version, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw ApiException.BadRequest($"invalid resource version \"{version}\"");
        TimeSpan? timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
        return new WatchParameters(from, QueryFlags.IsTrue(query, "allowWatchBookmarks"), timeout, QueryFlags.IsTrue(query, "sendInitialEvents"));
    }

    private static WriteOptions WriteOptionsOf(IQueryCollection query) => new(
        string.IsNullOrEmpty(query["fieldValidation"]) ? "Warn" : query["fieldValidation"]!,
        DryRun: query["dryRun"] == "All");

    private static async Task<DeleteRequest> DeleteRequestOfAsync(HttpRequest request)
    {
        var body = await HttpIo.ReadOptionalObjectAsync(request);
        var propagation = body?.GetString("propagationPolicy") ?? (string?)request.Query["propagationPolicy"];
        var dryRun = request.Query["dryRun"] == "All" || JsonObjects.StringList(body?["dryRun"]).Contains("All");
        return new DeleteRequest(
            body?.AtPath("preconditions.uid")?.GetValue<string>(),
            body?.AtPath("preconditions.resourceVersion")?.GetValue<string>(),
            Orphan: propagation == "Orphan" || body?["orphanDependents"]?.GetValue<bool>() == true,
            dryRun);
    }
}
