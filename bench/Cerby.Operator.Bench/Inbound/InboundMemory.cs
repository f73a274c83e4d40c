using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Identity.Scim;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Bench.Inbound;

/// <summary>
/// <c>--inbound</c>: the process's resident memory while identity providers push 1 MB bodies: 60 SCIM group PUTs
/// (about 20,000 members each) to the inbound SCIM endpoint, then 40 Okta Event Hook deliveries (about 3,000 events
/// each, drained as the watcher would). Both endpoints run on Kestrel in this process, as in the operator; after each
/// SCIM push the inbound source is polled and its update applied, as the identity watcher does.
/// </summary>
internal static class InboundMemory
{
    public static async Task RunAsync(TextWriter output)
    {
        const string token = "bench-scim-token";
        const string hookAuthorization = "Bearer bench-hook";
        var registry = new ScimRegistry(TimeProvider.System, NullLogger.Instance);
        var source = registry.Register("bench/scim", token);
        var receiver = new OktaEventHookReceiver(hookAuthorization);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ScimEndpoints.Map(app, registry);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var root = new Uri(app.Urls.First().TrimEnd('/') + "/");
        using var drain = new CancellationTokenSource();
        var drained = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in receiver.Events.ReadAllAsync(drain.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        using var http = new HttpClient { BaseAddress = root };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var group = await SendAsync(http, HttpMethod.Post, "idp/bench/scim/scim/v2/Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Big","members":[]}"""u8.ToArray());
        var groupId = System.Text.Json.Nodes.JsonNode.Parse(group.Body)!["id"]!.GetValue<string>();
        var push = GroupBody(groupId, 1_000_000);
        var current = (await source.ReadAsync([new() { DisplayName = "Big" }], CancellationToken.None)).Directory;
        var hook = HookBody(1_000_000);
        Settle();
        var start = Rss();
        output.WriteLine($"inbound SCIM group PUT body {push.Length / 1024} KiB, hook delivery {hook.Length / 1024} KiB");
        output.WriteLine($"RSS at start: {start:F0} MiB");
        var peak = start;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 60; i++)
        {
            var (status, _) = await SendAsync(http, HttpMethod.Put, $"idp/bench/scim/scim/v2/Groups/{groupId}", push);
            if (status != HttpStatusCode.OK)
            {
                output.WriteLine($"PUT {i} answered {(int)status}");
            }

            var update = await source.PollAsync(current, CancellationToken.None); // what the identity watcher does after a push
            current = update.ApplyTo(current);

            peak = Math.Max(peak, Rss());
        }

        output.WriteLine($"after 60 SCIM pushes of 1 MB: RSS {Rss():F0} MiB (peak {peak:F0} MiB), {watch.Elapsed.TotalSeconds:F1} s");
        using var hookHttp = new HttpClient { BaseAddress = root };
        hookHttp.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", hookAuthorization);
        watch.Restart();
        for (var i = 0; i < 40; i++)
        {
            var (status, _) = await SendAsync(hookHttp, HttpMethod.Post, "hook", hook);
            if (status != HttpStatusCode.OK)
            {
                output.WriteLine($"hook {i} answered {(int)status}");
            }

            peak = Math.Max(peak, Rss());
        }

        output.WriteLine($"after 40 hook deliveries of 1 MB: RSS {Rss():F0} MiB (peak {peak:F0} MiB), {watch.Elapsed.TotalSeconds:F1} s");
        Settle();
        output.WriteLine($"after a full GC: RSS {Rss():F0} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB");
        await drain.CancelAsync();
        await drained;
        await app.StopAsync();
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] GroupBody(string id, int size)
    {
        var text = new StringBuilder($$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"{{id}}","displayName":"Big","members":[""");
        for (var i = 0; text.Length < size - 64; i++)
        {
            text.Append(i == 0 ? "" : ",").Append($$"""{"value":"00u{{i:D12}}","display":"u{{i}}"}""");
        }

        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }

    private static byte[] HookBody(int size)
    {
        var text = new StringBuilder("""{"eventType":"com.okta.event_hook","data":{"events":[""");
        for (var i = 0; text.Length < size - 400; i++)
        {
            text.Append(i == 0 ? "" : ",").Append($$"""{"uuid":"{{Guid.NewGuid()}}","published":"2026-11-23T12:00:00.000Z","eventType":"group.user_membership.add","target":[{"id":"00u{{i:D12}}","type":"User","alternateId":"u{{i}}@example.com"},{"id":"00g000000000001","type":"UserGroup","alternateId":"Big"}]}""");
        }

        return Encoding.UTF8.GetBytes(text.Append("]}}").ToString());
    }

    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static double Rss()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1048576.0;
    }
}
