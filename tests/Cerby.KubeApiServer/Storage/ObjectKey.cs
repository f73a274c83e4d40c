namespace Cerby.KubeApiServer.Storage;

/// <summary>Where an object is stored: its type's storage key, its namespace ("" for cluster-scoped) and name.</summary>
internal readonly record struct ObjectKey(string StorageKey, string Namespace, string Name);
