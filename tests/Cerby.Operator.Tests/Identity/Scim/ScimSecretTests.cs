using System.Net;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>The bearer token (right or wrong) never shows up in logs or in any answer.</summary>
public sealed class ScimSecretTests
{
    [Fact]
    public async Task Bearer_tokens_never_appear_in_logs_or_error_bodies()
    {
        const string Wrong = "wr0ng-t0ken-presented-by-an-attacker";
        await using var host = await ScimEndpointHost.StartAsync();
        var replies = new List<ScimReply>
        {
            await host.SendAsync(HttpMethod.Get, "Users", token: Wrong),
            await host.SendAsync(HttpMethod.Get, "Users", token: ""),
            await host.PostAsync("Users", OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1")),
            await host.PostAsync("Users", OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1")),
            await host.GetAsync("Users?filter=" + Uri.EscapeDataString("userName eq")),
            await host.PatchAsync("Users/missing", OktaSetActive(false)),
            await host.PostAsync("Users", "{broken"),
            await host.PatchAsync("Users/missing", OktaSetActive(true)),
            await host.GetAsync("ServiceProviderConfig"),
        };

        Assert.Contains(replies, r => r.Status == HttpStatusCode.Unauthorized);
        Assert.Contains(host.Log.Lines, l => l.Contains("bearer token does not match", StringComparison.Ordinal));
        foreach (var text in replies.Select(r => r.Text).Concat(host.Log.Lines))
        {
            Assert.DoesNotContain(ScimEndpointHost.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Wrong, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(ScimEndpointHost.Token, host.Registry.Find(ScimEndpointHost.IdpKey)!.ToString(), StringComparison.Ordinal);
    }
}
