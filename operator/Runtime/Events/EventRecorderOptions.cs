namespace Cerby.Operator.Runtime.Events;

/// <summary>Who reports the operator's events.</summary>
internal sealed record EventRecorderOptions
{
    public const string DefaultReportingController = "access.cerby.io/cerby-operator";

    /// <summary>The controller named in every event (<c>reportingController</c>).</summary>
    public string ReportingController { get; init; } = DefaultReportingController;

    /// <summary>This instance (<c>reportingInstance</c>): the pod name.</summary>
    public required string ReportingInstance { get; init; }
}
