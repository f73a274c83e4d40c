using System.Security.Cryptography;
using Cerby.Operator.Identity.Okta;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>OAuth 2.0 client credentials with a private-key JWT: the token is fetched once, reused until expiry, and never logged.</summary>
public sealed class OktaPrivateKeyJwtTests
{
    [Fact]
    public async Task Service_app_reads_with_a_cached_access_token_and_fetches_a_new_one_after_expiry()
    {
        using var key = RSA.Create(2048);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var okta = await OktaFixture.StartAsync(time, emulatorOnClientClock: true, credentials: emulator =>
        {
            emulator.RegisterServiceApp("0oaserviceapp0000000", RSA.Create(key.ExportParameters(false)));
            return OktaCredentials.PrivateKeyJwt("0oaserviceapp0000000", pem);
        });
        okta.Org.AddToGroup(okta.Org.CreateGroup("Social Editors"), okta.Org.CreateUser("alice@example.com"));

        var first = await okta.ReadAsync(null, "Social Editors");
        var second = await okta.ReadAsync(null, "Social Editors");
        Assert.True(first.Directory.UsersKnown && second.Directory.UsersKnown);
        Assert.Equal(1, okta.Emulator.AccessTokensIssued);

        time.Advance(TimeSpan.FromMinutes(61));
        var later = await okta.ReadAsync(null, "Social Editors");
        Assert.Equal(["alice@example.com"], OktaFixture.Members(later.Directory, "Social Editors"));
        Assert.Equal(2, okta.Emulator.AccessTokensIssued);
        Assert.DoesNotContain(okta.Log.Lines, l => l.Contains("PRIVATE KEY", StringComparison.Ordinal) || l.Contains("emu-at-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unregistered_key_is_refused_and_every_read_is_unknown()
    {
        using var key = RSA.Create(2048);
        var pem = key.ExportPkcs8PrivateKeyPem();
        await using var okta = await OktaFixture.StartAsync(credentials: _ => OktaCredentials.PrivateKeyJwt("0oaunknown0000000000", pem));
        okta.Org.CreateGroup("Social Editors");

        var read = await okta.ReadAsync(null, "Social Editors");

        Assert.False(read.Directory.UsersKnown);
        Assert.Contains("invalid_client", read.UsersProblem);
        Assert.DoesNotContain(pem, string.Join("\n", okta.Log.Lines) + read.UsersProblem);
    }
}
