using Cerby.KubeApiServer.Validation;

namespace Cerby.KubeApiServer.Resources;

/// <summary>One served resource (group, version, plural) and the rules the server applies to it.</summary>
/// <param name="StorageKey">Objects of types with the same key share storage (core and events.k8s.io Events).</param>
/// <param name="Schema">The CRD schema of a custom resource; null for built-in types, which are not validated.</param>
/// <param name="Converter">Turns the stored form into this type's wire form and back; null when they are the same.</param>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    bool HasStatus,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<PrinterColumn> PrinterColumns,
    CrdSchema? Schema,
    string StorageKey,
    IObjectConverter? Converter = null)
{
    /// <summary>The wire apiVersion, e.g. <c>v1</c> or <c>access.cerby.io/v1alpha1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>A custom resource (defined by a CRD): validated, and strict about updates without resourceVersion.</summary>
    public bool IsCustomResource => Schema is not null;

    /// <summary>As Status messages name it: <c>teamshares.access.cerby.io</c> or <c>secrets</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>As 422 messages name it: <c>TeamShare.access.cerby.io</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}

/// <summary>A column of <c>kubectl get</c> (a CRD's additionalPrinterColumns, or a built-in type's own).</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description, int Priority = 0, string Format = "");

/// <summary>Converts between the stored form of an object and the wire form of one API version.</summary>
internal interface IObjectConverter
{
    System.Text.Json.Nodes.JsonObject ToStorage(System.Text.Json.Nodes.JsonObject wire);

    System.Text.Json.Nodes.JsonObject FromStorage(System.Text.Json.Nodes.JsonObject stored);
}
