using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>
/// A create whose answer is lost (the app acted, then the connection dropped) is never sent again: a read by userName
/// resolves it. An app without unique userNames would otherwise get a second seat for the same person.
/// </summary>
public abstract class ScimLostAnswerTests<TFixture>(TFixture peer) : IAsyncLifetime
    where TFixture : ScimAppFixture
{
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_create_whose_connection_drops_after_the_app_acted_is_sent_once_and_resolved_by_a_read()
    {
        await peer.InjectAsync(new ScimAppFault("dropAfter", Method: "POST"));
        var before = await peer.WritesAsync();

        var result = await peer.CreateConnector(time).ApplyAsync(Add("lou@example.com", "editor"), CancellationToken.None);

        Assert.Equal(1, await peer.WritesAsync() - before);
        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Contains("the answer was lost", result.Detail, StringComparison.Ordinal);
        Assert.Equal(new PeerMember("lou@example.com", "editor", Active: true, Managed: true), await peer.InspectAsync("lou@example.com"));
    }

    private static AccessChange Add(string email, string nativeRole) =>
        new(AccessChangeKind.Add, email, email, null, "Editor", "scim test", NativeRole: nativeRole);
}

public sealed class ScimRolesLostAnswerTests(ScimRolesFixture peer) : ScimLostAnswerTests<ScimRolesFixture>(peer), IClassFixture<ScimRolesFixture>;

public sealed class ScimGroupsLostAnswerTests(ScimGroupsFixture peer) : ScimLostAnswerTests<ScimGroupsFixture>(peer), IClassFixture<ScimGroupsFixture>;
