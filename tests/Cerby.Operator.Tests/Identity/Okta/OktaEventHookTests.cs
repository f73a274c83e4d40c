using System.Diagnostics;
using System.Net;
using System.Text;
using Cerby.Operator.Identity.Okta;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>Okta Event Hooks: verification, authenticated delivery, at-least-once deliveries handled once, changes seen in well under 2 s.</summary>
public sealed class OktaEventHookTests
{
    private const string HookSecret = "Bearer hook-secret-7f3a";

    [Fact]
    public async Task Hook_is_verified_and_pushed_changes_reach_the_model_once_each()
    {
        await using var okta = await OktaFixture.StartAsync();
        var receiver = new OktaEventHookReceiver(HookSecret);
        using var leader = receiver.Attach(); // the leader's source consumes deliveries
        await using var host = await EventHookHost.StartAsync(receiver);
        var editors = okta.Org.CreateGroup("Social Editors");
        var alice = okta.Org.CreateUser("alice@example.com");
        var world = IdentityAccessWorld.Okta().Team("Social Editors", "Editor");
        var read = await okta.ReadAsync(null, "Social Editors");
        var model = world.Model(read.Directory);
        Assert.True(await okta.Emulator.EventHooks.RegisterAsync(host.Url, HookSecret));
        okta.Emulator.EventHooks.DeliverTwice = true;

        var watch = Stopwatch.StartNew();
        okta.Org.AddToGroup(editors, alice);
        var handled = new List<string>();
        var directory = read.Directory;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!IdentityAccessWorld.Roles(model).ContainsKey("alice@example.com"))
        {
            var delivered = await receiver.Events.ReadAsync(deadline.Token);
            var (update, fresh) = await okta.Feed.ApplyAsync(directory, null, [delivered], deadline.Token);
            handled.AddRange(fresh.Select(e => e.Uuid));
            model = model.Apply(update.Change(OktaFixture.IdpKey)).Model;
            directory = update.ApplyTo(directory);
        }

        var detected = watch.Elapsed;
        var second = await receiver.Events.ReadAsync(deadline.Token); // the repeated delivery of the same event
        var (again, repeated) = await okta.Feed.ApplyAsync(directory, null, [second], deadline.Token);

        Assert.True(detected < TimeSpan.FromSeconds(2), $"the change took {detected} to reach the model");
        Assert.Equal("Editor", IdentityAccessWorld.Roles(model)["alice@example.com"]);
        Assert.Equal(handled.Distinct(), handled);
        Assert.Empty(repeated);
        Assert.True(again.IsEmpty);
        Assert.Equal(0, okta.Emulator.EventHooks.FailedDeliveries);
    }

    [Fact]
    public async Task Requests_without_the_hook_secret_are_refused_and_verification_fails()
    {
        await using var okta = await OktaFixture.StartAsync();
        var receiver = new OktaEventHookReceiver(HookSecret);
        using var leader = receiver.Attach(); // the leader's source consumes deliveries
        await using var host = await EventHookHost.StartAsync(receiver);
        using var http = new HttpClient();

        Assert.False(await okta.Emulator.EventHooks.RegisterAsync(host.Url, "Bearer wrong"));
        using var unauthenticated = await http.PostAsync(host.Url, new StringContent("""{"data":{"events":[]}}""", Encoding.UTF8, "application/json"));
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url) { Content = new StringContent(new string(' ', 2 << 20), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", HookSecret);
        using var tooLarge = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.DoesNotContain(HookSecret, await unauthenticated.Content.ReadAsStringAsync());
        Assert.False(receiver.Events.TryRead(out _));
    }

    [Fact]
    public async Task A_delivery_over_the_size_limit_gets_413_even_while_its_body_is_still_being_sent()
    {
        var receiver = new OktaEventHookReceiver(HookSecret);
        await using var host = await EventHookHost.StartAsync(receiver);
        using var http = new HttpClient();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            // The body arrives in pieces, as over a slow link: the receiver has decided long before the last byte is sent.
            using var request = new HttpRequestMessage(HttpMethod.Post, host.Url) { Content = new SlowContent(2 << 20, 64 << 10) };
            request.Headers.TryAddWithoutValidation("Authorization", HookSecret);
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        Assert.False(receiver.Events.TryRead(out _));
    }

    /// <summary>A JSON body of <c>length</c> bytes (declared in Content-Length) written in pieces with a pause between them.</summary>
    private sealed class SlowContent(int length, int piece) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var buffer = Encoding.UTF8.GetBytes(new string(' ', piece));
            for (var sent = 0; sent < length; sent += piece)
            {
                await stream.WriteAsync(buffer.AsMemory(0, Math.Min(piece, length - sent)));
                await stream.FlushAsync();
                await Task.Delay(5);
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }

    [Fact]
    public async Task A_standby_acknowledges_deliveries_without_queuing_them_for_the_system_log_poll_of_the_leader()
    {
        var receiver = new OktaEventHookReceiver(HookSecret);
        await using var host = await EventHookHost.StartAsync(receiver);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url)
        {
            Content = new StringContent("""{"eventType":"com.okta.event_hook","data":{"events":[{"uuid":"e1","eventType":"group.user_membership.add","published":"2026-01-01T00:00:00Z","target":[]}]}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", HookSecret);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // not 404 or 503: Okta keeps the hook enabled
        Assert.False(receiver.HasConsumer);
        Assert.False(receiver.Events.TryRead(out _));
    }
}
