namespace Cerby.Operator.Cli;

/// <summary>The apiVersion and kinds of the snapshot documents <c>plan</c> reads besides the custom resources.</summary>
internal static class SnapshotApi
{
    /// <summary>The <c>apiVersion</c> of IdentitySnapshot and AppSnapshot documents.</summary>
    public const string Group = "snapshot.cerby.io";

    public const string ApiVersion = Group + "/v1alpha1";

    /// <summary>What one IdentityProvider knew: users, groups, app assignments.</summary>
    public const string IdentitySnapshotKind = "IdentitySnapshot";

    /// <summary>Who one hub's app has.</summary>
    public const string AppSnapshotKind = "AppSnapshot";
}
