namespace Cerby.Operator.HttpEdge;

/// <summary>Per-request marks the edge reads.</summary>
internal static class EdgeRequest
{
    /// <summary>Marks a POST whose repetition is harmless (a token request: asking twice changes nothing).</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeat = new("cerby.safe-to-repeat");

    /// <summary>Whether repeating <paramref name="request"/> cannot do anything twice: an idempotent method, or marked <see cref="SafeToRepeat"/>.</summary>
    public static bool Repeatable(HttpRequestMessage request) =>
        WriteSafety.IsIdempotent(request.Method) || (request.Options.TryGetValue(SafeToRepeat, out var safe) && safe);
}
