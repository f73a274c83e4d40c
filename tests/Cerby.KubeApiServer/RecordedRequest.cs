namespace Cerby.KubeApiServer;

/// <summary>
/// A resource request the server received, in RBAC terms: verb (get, list, watch, create, update, patch, delete,
/// deletecollection), API group ("" for core), resource (plural), namespace and subresource when given, and the
/// client's User-Agent (tells the operator's calls from kubectl's and a test's own).
/// </summary>
public sealed record RecordedRequest(string Verb, string Group, string Resource, string? Namespace, string? Subresource, string? Name, string? UserAgent = null);
