namespace Cerby.Operator.Resources;

/// <summary>The API group and version every cerby-operator custom resource belongs to.</summary>
public static class ApiGroup
{
    /// <summary>The API group of the custom resources.</summary>
    public const string Group = "access.cerby.io";

    /// <summary>The only served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> field value of every custom resource.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The category that <c>kubectl get cerby</c> lists.</summary>
    public const string Category = "cerby";
}
