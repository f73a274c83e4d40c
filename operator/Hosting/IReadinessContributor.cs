namespace Cerby.Operator.Hosting;

/// <summary>
/// A part of the operator that must be able to do its job before the instance reports ready (e.g. the endpoints every
/// replica serves: a replica that accepts pushes is ready only once it can store them).
/// </summary>
internal interface IReadinessContributor
{
    /// <summary>Why this part cannot do its job yet; null when it can.</summary>
    string? NotReadyReason();
}
