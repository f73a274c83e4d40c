using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>Controller owner references, so objects the operator creates are garbage-collected with their owner.</summary>
internal static class OwnerReferences
{
    /// <summary>A reference to <paramref name="owner"/> as the controlling owner that blocks its deletion.</summary>
    public static V1OwnerReference ControllerReference(IKubernetesObject<V1ObjectMeta> owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>
    /// Makes <paramref name="owner"/> the controller of <paramref name="dependent"/>; returns whether that changed anything.
    /// Throws when another object already controls it or the owner is in another namespace (such references never resolve).
    /// </summary>
    public static bool SetController(IKubernetesObject<V1ObjectMeta> dependent, IKubernetesObject<V1ObjectMeta> owner)
    {
        var ownerNamespace = owner.Metadata.NamespaceProperty ?? "";
        if (ownerNamespace.Length > 0 && ownerNamespace != (dependent.Metadata.NamespaceProperty ?? ""))
        {
            throw new InvalidOperationException(
                $"{owner.Kind} {ownerNamespace}/{owner.Metadata.Name} cannot own {dependent.Kind} {ResourceKey.Of(dependent)}: owners must be in the same namespace");
        }

        var wanted = ControllerReference(owner);
        if (dependent.GetController() is { } current)
        {
            if (current.Uid != wanted.Uid)
            {
                throw new InvalidOperationException(
                    $"{dependent.Kind} {ResourceKey.Of(dependent)} is already controlled by {current.Kind} {current.Name}");
            }

            if (current.ApiVersion == wanted.ApiVersion && current.Kind == wanted.Kind && current.Name == wanted.Name && current.BlockOwnerDeletion == true)
            {
                return false;
            }
        }

        dependent.Metadata.OwnerReferences = [.. (dependent.Metadata.OwnerReferences ?? []).Where(r => r.Uid != wanted.Uid), wanted];
        return true;
    }

    /// <summary>Whether <paramref name="owner"/> is the controller of <paramref name="dependent"/>.</summary>
    public static bool IsControlledBy(IKubernetesObject<V1ObjectMeta> dependent, IKubernetesObject<V1ObjectMeta> owner) =>
        dependent.GetController()?.Uid is { } uid && uid == owner.Metadata.Uid;
}
