using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// The <c>client_assertion</c> of the private-key JWT client credentials grant: an RS256 JWT with <c>iss</c> = <c>sub</c> =
/// client id, <c>aud</c> = the org's token endpoint, <c>exp</c> five minutes ahead (Okta allows at most one hour), a
/// unique <c>jti</c>.
/// </summary>
internal static class OktaClientAssertion
{
    public static string Create(OktaPrivateKey key, Uri tokenEndpoint, DateTimeOffset now)
    {
        var header = new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT" };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = key.ClientId,
            ["sub"] = key.ClientId,
            ["aud"] = tokenEndpoint.AbsoluteUri,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
