using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>Path segments of Graph requests: escaped node ids, and the asset nodes whose <c>assigned_users</c> edge the connector uses.</summary>
internal static class MetaGraphPaths
{
    private const string AdAccountPrefix = "act_";

    /// <summary>Whether the connector can read and assign users on this kind of asset.</summary>
    public static bool IsSupported(AssetKind kind) => kind is AssetKind.Page or AssetKind.AdAccount;

    /// <summary>The node id in a path: a page id as is, an ad account with the <c>act_</c> prefix Meta requires in paths.</summary>
    public static string NodeId(AssetRef asset) => asset.Kind switch
    {
        AssetKind.Page => Escape(asset.Id),
        AssetKind.AdAccount => Escape(asset.Id.StartsWith(AdAccountPrefix, StringComparison.Ordinal) ? asset.Id : AdAccountPrefix + asset.Id),
        _ => throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"the Meta connector assigns users on pages and ad accounts only, not on {asset}"),
    };

    /// <summary>The edge that lists and assigns people on the asset.</summary>
    public static string AssignedUsers(AssetRef asset) => $"{NodeId(asset)}/assigned_users";

    /// <summary>Escapes one path segment.</summary>
    public static string Escape(string segment) => Uri.EscapeDataString(segment);
}
