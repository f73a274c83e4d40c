namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// Maps hub emails to LinkedIn person URNs and back. LinkedIn adds ad account users by person URN only (no invitation
/// by email, no lookup of a person by email), so the hub must be told who is who; a person it is not told about is
/// reported, never guessed.
/// </summary>
internal interface ILinkedInPeople
{
    /// <summary>The person URN declared for <paramref name="email"/>; null when none is.</summary>
    string? PersonOf(string email);

    /// <summary>The email declared for <paramref name="personUrn"/>; null when none is.</summary>
    string? EmailOf(string personUrn);
}
