using System.Net;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>
/// Groups are keyed by externalId (the IdP's own id), so two groups with one externalId would make one silently win:
/// the second gets 409 uniqueness (RFC 7644 §3.3, §3.12) on POST, PUT and PATCH alike.
/// </summary>
public sealed class ScimExternalIdTests
{
    [Fact]
    public async Task A_second_group_with_the_same_externalId_is_409_uniqueness_on_post_put_and_patch()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var first = await host.CreateGroupAsync(EntraCreateGroup("Editors", "obj-1"));
        var other = await host.CreateGroupAsync(EntraCreateGroup("Admins", "obj-2"));

        (await host.PostAsync("Groups", EntraCreateGroup("Editors (copy)", "obj-1"))).AssertError(HttpStatusCode.Conflict, "uniqueness");
        (await host.PutAsync($"Groups/{other}", EntraCreateGroup("Admins", "obj-1"))).AssertError(HttpStatusCode.Conflict, "uniqueness");
        (await host.PatchAsync($"Groups/{other}", $$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"externalId","value":"obj-1"}]}"""))
            .AssertError(HttpStatusCode.Conflict, "uniqueness");

        Assert.Equal(2, (await host.GetAsync("Groups")).Body!["totalResults"]!.GetValue<int>());
        Assert.Equal("obj-2", (await host.GetAsync($"Groups/{other}")).Body!["externalId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await host.PutAsync($"Groups/{first}", EntraCreateGroup("Editors renamed", "obj-1"))).Status); // its own value is no conflict

        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"Groups/{first}")).Status);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("Groups", EntraCreateGroup("Editors again", "obj-1"))).Status); // freed by the delete
    }
}
