namespace Cerby.FaultSuite;

/// <summary>
/// What one scenario measured. Every count must be zero for a sound product: <see cref="WrongRemovals"/> (someone who
/// should keep access lost it), <see cref="AccessLeftBehind"/> (someone who should have lost access, or a lower role,
/// kept it), <see cref="Duplicates"/> (a seat or invite written twice), <see cref="PushesLost"/> (an IdP push refused or
/// never acted on), <see cref="SecretsFound"/> (a credential in Events, status or operator output),
/// <see cref="ExtraReads"/> (full IdP reads a bad input caused). <see cref="FaultsInjected"/> says how hard it was hit.
/// </summary>
internal sealed class ScenarioResult(string name)
{
    public string Name { get; } = name;

    public int FaultsInjected { get; set; }

    public int WrongRemovals { get; set; }

    public int AccessLeftBehind { get; set; }

    public int Duplicates { get; set; }

    public int PushesLost { get; set; }

    public int SecretsFound { get; set; }

    public int ExtraReads { get; set; }

    /// <summary>kill -9 of the leader → the other replica holds the Lease.</summary>
    public TimeSpan? LeaseTaken { get; set; }

    /// <summary>kill -9 of the leader → the first app change made by the new leader.</summary>
    public TimeSpan? FirstAppChange { get; set; }

    /// <summary>Why the scenario could not finish (a set-up step missed its deadline, an exception).</summary>
    public string? Error { get; set; }

    public TimeSpan Elapsed { get; set; }

    public List<string> Notes { get; } = [];

    public bool Clean => Error is null && WrongRemovals + AccessLeftBehind + Duplicates + PushesLost + SecretsFound + ExtraReads == 0;

    public void Note(string note) => Notes.Add(note);
}
