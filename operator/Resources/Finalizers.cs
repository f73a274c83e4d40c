
namespace Cerby.Operator.Resources;

/// <summary>Finalizer names of the operator.</summary>
internal static class Finalizers
{
    /// <summary>Keeps a deleted share or hub until its access was cleaned up in the app.</summary>
    public const string Cleanup = ApiGroup.Group + "/cleanup";
}
