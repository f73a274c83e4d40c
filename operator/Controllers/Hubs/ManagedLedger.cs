using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// The members the operator provisioned in an app that cannot mark them itself (Meta): a ConfigMap
/// <c>cerby-ledger-&lt;hub&gt;</c> beside the hub, owned by it, one lower-case email per line. Only members in the ledger
/// lose access when no share justifies them; anyone else is drift. Keys only, never credentials.
/// </summary>
internal sealed class ManagedLedger
{
    private const string DataKey = "members";
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    private ManagedLedger(string ns, string name, V1ConfigMap? stored)
    {
        (Namespace, Name, Stored) = (ns, name, stored);
        Keys = Parse(stored);
    }

    public string Namespace { get; }

    public string Name { get; }

    private V1ConfigMap? Stored { get; set; }

    public HashSet<string> Keys { get; }

    public bool Changed => _added.Count > 0 || _removed.Count > 0;

    public static string NameFor(string hubName) => $"cerby-ledger-{hubName}";

    public static async Task<ManagedLedger> LoadAsync(IKubernetes client, string ns, string hubName, CancellationToken cancellationToken)
    {
        var name = NameFor(hubName);
        return new ManagedLedger(ns, name, await TryReadAsync(client, ns, name, cancellationToken));
    }

    public void Add(string key)
    {
        if (Keys.Add(key))
        {
            _added.Add(key);
            _removed.Remove(key);
        }
    }

    public void Remove(string key)
    {
        if (Keys.Remove(key))
        {
            _removed.Add(key);
            _added.Remove(key);
        }
    }

    /// <summary>Writes the ledger when it changed; on a conflict re-reads it and re-applies this sync's additions and removals.</summary>
    public async Task SaveAsync(IKubernetes client, BusinessHub owner, CancellationToken cancellationToken)
    {
        for (var attempt = 1; Changed; attempt++)
        {
            var body = new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = Name,
                    NamespaceProperty = Namespace,
                    ResourceVersion = Stored?.Metadata.ResourceVersion,
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "cerby-operator", ["access.cerby.io/hub"] = owner.Metadata.Name },
                    OwnerReferences =
                    [
                        new V1OwnerReference { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true },
                    ],
                },
                Data = new Dictionary<string, string> { [DataKey] = string.Join('\n', Keys.Order(StringComparer.Ordinal)) },
            };
            try
            {
                Stored = Stored is null
                    ? await client.CoreV1.CreateNamespacedConfigMapAsync(body, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : await client.CoreV1.ReplaceNamespacedConfigMapAsync(body, Name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                _added.Clear();
                _removed.Clear();
                return;
            }
            catch (Exception ex) when (KubernetesErrors.IsConflict(ex) && attempt < 5)
            {
                Stored = await TryReadAsync(client, Namespace, Name, cancellationToken).ConfigureAwait(false);
                Keys.Clear();
                Keys.UnionWith(Parse(Stored));
                Keys.UnionWith(_added);
                Keys.ExceptWith(_removed);
            }
        }
    }

    private static HashSet<string> Parse(V1ConfigMap? stored) =>
        stored?.Data?.TryGetValue(DataKey, out var text) == true
            ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private static async Task<V1ConfigMap?> TryReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }
}
