using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Controllers.IdentityProviders;

/// <summary>What an IdentityProvider's conditions say about reads that never completed.</summary>
public sealed class IdentityProviderStatusBuilderTests
{
    [Fact]
    public void An_idp_whose_first_read_was_incomplete_says_it_was_never_read_completely_not_an_empty_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var idp = new IdentityProvider { Metadata = new V1ObjectMeta { Name = "okta", NamespaceProperty = "default", Generation = 1 } };
        var state = new IdpState(IdpDirectory.Unreadable("default/okta"), [], LastFullRead: time.GetUtcNow(), LastContact: null, Problem: "users: HTTP 500");

        idp.Status = IdentityProviderStatusBuilder.From(idp, state, time.GetUtcNow());

        var synced = idp.Status!.Conditions.Single(c => c.Type == "Synced");
        Assert.Equal((ConditionStatus.False, "Stale"), (synced.Status, synced.Reason));
        Assert.Contains("never read completely", synced.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("last complete answer", synced.Message, StringComparison.Ordinal);
    }
}
