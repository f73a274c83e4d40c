using k8s;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>A Secret's data and version; the values are never logged or written anywhere else.</summary>
internal sealed record SecretData(string ResourceVersion, IReadOnlyDictionary<string, byte[]> Data)
{
    /// <summary>The value of <paramref name="key"/> as trimmed UTF-8, or null when absent or empty.</summary>
    public string? Text(string key) =>
        Data.TryGetValue(key, out var bytes) && bytes.Length > 0 ? System.Text.Encoding.UTF8.GetString(bytes).Trim() : null;
}

/// <summary>Reads credentials Secrets (GET only: the operator never lists or watches Secrets).</summary>
internal sealed class SecretReader(IKubernetes client)
{
    /// <summary>The Secret's data, or null when it does not exist.</summary>
    public async Task<SecretData?> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SecretData(secret.Metadata.ResourceVersion ?? "", (IReadOnlyDictionary<string, byte[]>?)secret.Data ?? new Dictionary<string, byte[]>());
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }
}
