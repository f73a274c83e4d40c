using System.Security.Cryptography;
using System.Text;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>
/// An IdentityProvider's durable identity state in Kubernetes: a head Secret <c>cerby-idp-&lt;name&gt;</c> and its
/// gzip-compressed chunk Secrets (<see cref="ChunkedSecretStore"/>), of type <see cref="SecretType"/>, beside the
/// IdentityProvider and owned by it, so they are deleted with it. Secrets, not ConfigMaps: pushed users are personal data.
/// </summary>
internal sealed class SecretIdentityState : IDurableParts
{
    /// <summary>The type of every Secret holding identity state.</summary>
    public const string SecretType = "access.cerby.io/identity-state.v1";

    /// <summary>The label every such Secret carries (value "true").</summary>
    public const string Label = "access.cerby.io/identity-state";

    private const int MaxHeadName = 253 - 16; // room for "-<nonce>-<n>" of the chunks
    private readonly ChunkedSecretStore _store;

    public SecretIdentityState(IKubernetes client, IdentityProvider idp)
    {
        var ns = idp.Metadata.NamespaceProperty ?? "";
        var owner = new V1OwnerReference
        {
            ApiVersion = ApiGroup.ApiVersion,
            Kind = IdentityProvider.KindName,
            Name = idp.Metadata.Name,
            Uid = idp.Metadata.Uid,
            BlockOwnerDeletion = false,
        };
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "cerby-operator",
            [Label] = "true",
        };
        _store = new ChunkedSecretStore(client, ns, HeadName(idp.Metadata.Name), owner, SecretType, labels);
        OwnerUid = idp.Metadata.Uid ?? "";
    }

    public string OwnerUid { get; }

    public string Location => $"Secret {_store.Namespace}/{_store.HeadName}";

    /// <summary>The head Secret's name for an IdentityProvider: cerby-idp-&lt;name&gt;, shortened with a hash when too long.</summary>
    public static string HeadName(string idpName)
    {
        var name = $"cerby-idp-{idpName}";
        return name.Length <= MaxHeadName ? name : $"{name[..(MaxHeadName - 9)]}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idpName)))[..8]}";
    }

    public async Task<DurableHead?> ReadHeadAsync(CancellationToken cancellationToken) =>
        await _store.ReadHeadAsync(cancellationToken) is { } head ? Wrap(head) : null;

    public async Task<Stream> ReadPartAsync(DurableHead head, string part, CancellationToken cancellationToken)
    {
        try
        {
            return await _store.ReadPartAsync(((ChunkedHead)head.Handle).Parts[part], cancellationToken);
        }
        catch (ChunkMissingException e)
        {
            throw new DurablePartMissingException(e.Message);
        }
    }

    public async Task<DurableHead?> CommitAsync(DurableHead? basis, IReadOnlyDictionary<string, string> meta, IReadOnlyDictionary<string, Action<Stream>> changed,
        IReadOnlyCollection<string> removed, CancellationToken cancellationToken) =>
        await _store.CommitAsync((ChunkedHead?)basis?.Handle, meta, changed, removed, cancellationToken) is { } head ? Wrap(head) : null;

    private static DurableHead Wrap(ChunkedHead head) =>
        new(head.ResourceVersion, head.Meta, head.Parts.ToDictionary(p => p.Key, p => string.Join(",", p.Value), StringComparer.Ordinal), head);
}
