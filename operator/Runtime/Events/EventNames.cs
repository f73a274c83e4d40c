using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Events;

/// <summary>
/// Deterministic event names: the object's name plus a hash of (uid, kind, namespace, name, reason, note, type), so the
/// same event about the same object maps to one Event object whose count grows.
/// </summary>
internal static class EventNames
{
    private const int MaxNameLength = 253;
    private const int HashLength = 16;

    public static string For(IKubernetesObject<V1ObjectMeta> regarding, string reason, string note, string type)
    {
        var identity = string.Join('\n', regarding.Metadata.Uid, regarding.Kind, regarding.Metadata.NamespaceProperty, regarding.Metadata.Name, reason, note, type);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..HashLength];
        var prefix = regarding.Metadata.Name;
        if (prefix.Length > MaxNameLength - HashLength - 1)
        {
            prefix = prefix[..(MaxNameLength - HashLength - 1)];
        }

        return $"{prefix}.{hash}";
    }
}
