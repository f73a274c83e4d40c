using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cerby.Operator.Identity.Okta;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>
/// Malformed, empty, deep or non-UTF-8 Event Hook deliveries are refused with 400 and queue nothing, so they can never
/// reach the watcher (no exception loop, no full re-read, no IdpStale).
/// </summary>
public sealed class OktaEventHookInputTests
{
    private const string HookSecret = "Bearer hook-secret-input";

    private static async Task<HttpStatusCode> PostAsync(EventHookHost host, byte[] body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", HookSecret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    public static TheoryData<string> Malformed() =>
    [
        """{"data":{"events":[{}]}}""",
        """{"data":{"events":[null]}}""",
        """{"data":{"events":{}}}""",
        """{"data":{}}""",
        """{}""",
        """[]""",
        """{"data":{"events":[{"uuid":5}]}}""",
        """{"data":{"events":[{"uuid":"u1","published":"2026-11-23T12:00:00Z"}]}}""",
        """{"data":{"events":[{"uuid":"u1","published":"2026-11-23T12:00:00Z","eventType":"group.user_membership.add","target":[{}]}]}}""",
        """{"data":{"events":[{"uuid":"u1","eventType":"group.user_membership.add","target":[]}]}}""",
        """{"data":{"events":[]},"deep":""" + new string('[', 200) + new string(']', 200) + "}",
        "",
    ];

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_deliveries_are_400_and_queue_nothing(string body)
    {
        var receiver = new OktaEventHookReceiver(HookSecret);
        await using var host = await EventHookHost.StartAsync(receiver);

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(host, Encoding.UTF8.GetBytes(body)));
        Assert.False(receiver.Events.TryRead(out _));
    }

    [Fact]
    public async Task Invalid_utf8_is_400_and_a_valid_delivery_still_queues_its_events()
    {
        var receiver = new OktaEventHookReceiver(HookSecret);
        using var leader = receiver.Attach(); // the leader's source consumes deliveries
        await using var host = await EventHookHost.StartAsync(receiver);
        var valid = """{"data":{"events":[{"uuid":"u1","published":"2026-11-23T12:00:00Z","eventType":"user.lifecycle.deactivate","target":[{"id":"00u1","type":"User","alternateId":"MARKER"}]}]}}""";
        var broken = Encoding.UTF8.GetBytes(valid);
        var at = broken.AsSpan().IndexOf("MARKER"u8);
        broken[at] = 0xFF;

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(host, broken));
        Assert.False(receiver.Events.TryRead(out _));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, Encoding.UTF8.GetBytes(valid)));
        Assert.True(receiver.Events.TryRead(out var queued));
        Assert.Equal("u1", queued.Uuid);
    }
}
