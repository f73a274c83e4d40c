namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>Okta Event Hooks: a delivery reaches the app without waiting for the System Log poll.</summary>
public sealed class EventHookTests : EndToEndTest
{
    private const string Ns = "e2e-hooks";

    [Fact]
    public async Task An_event_hook_delivery_provisions_at_once_though_the_system_log_is_polled_only_every_ten_minutes()
    {
        var org = Sandbox.Org;
        var group = org.CreateGroup("Hooked");
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns, oktaPoll: "10m", hookAuthorization: Sandbox.HookAuthorization)
            + OperatorSandbox.Binding(Ns, "hooked", "Hooked") + OperatorSandbox.Share(Ns, "hooked", "Editor", team: "hooked"));
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h), "hub synced");

        // Okta verifies the hook URL once (GET with the challenge), then delivers events as they happen.
        var hookUrl = new Uri(Sandbox.OperatorUrl, $"/idp/{Ns}/okta/okta/events");
        await Eventually.TrueAsync(() => Sandbox.Okta.EventHooks.RegisterAsync(hookUrl, Sandbox.HookAuthorization), "the hook URL verifies");

        org.AddToGroup(group, org.CreateUser("uma@acme.test"));
        var seats = await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("uma@acme.test"), "uma provisioned from the hook delivery", TimeSpan.FromSeconds(20));
        Assert.Equal("editor", seats["uma@acme.test"].Role);

        // A wrong Authorization is refused.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, hookUrl) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", "wrong");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
    }
}
