using k8s;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>A Secret's data and version; the values are never logged or written anywhere else.</summary>
internal sealed record SecretData(string ResourceVersion, IReadOnlyDictionary<string, byte[]> Data)
{
    /// <summary>The value of <paramref name="key"/> as trimmed UTF-8, or null when absent or empty.</summary>
    public string? Text(string key) =>
        Data.TryGetValue(key, out var bytes) && bytes.Length > 0 ? System.Text.Encoding.UTF8.GetString(bytes).Trim() : null;
}

/// <summary>
/// Reads credentials Secrets (GET only: the operator never lists or watches Secrets). Every value read is handed to the
/// <see cref="SecretRedactor"/>, so no output of the operator can carry it.
/// </summary>
internal sealed class SecretReader(IKubernetes client, SecretRedactor? redactor = null)
{
    /// <summary>The Secret's data, or null when it does not exist.</summary>
    public async Task<SecretData?> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var data = (IReadOnlyDictionary<string, byte[]>?)secret.Data ?? new Dictionary<string, byte[]>();
            redactor?.AddAll(data);
            return new SecretData(secret.Metadata.ResourceVersion ?? "", data);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }
}
