using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Storage;

/// <summary>A committed change, kept in the bounded history that watches replay from.</summary>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="Object">The new state (for DELETED, the last state with the deletion's resourceVersion).</param>
/// <param name="Previous">The state before the change (null for ADDED); selectors use it to turn changes into ADDED/DELETED.</param>
internal sealed record StoredEvent(string Type, ObjectKey Key, long ResourceVersion, JsonObject Object, JsonObject? Previous);
