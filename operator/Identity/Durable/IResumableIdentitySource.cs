namespace Cerby.Operator.Identity.Durable;

/// <summary>
/// A source that follows changes from a cursor it can hand out and take back (Okta: the System Log link; Entra: the
/// users and groups delta links), so a restarted or new leader polls on from where the last one stopped instead of
/// reading the whole directory again.
/// </summary>
internal interface IResumableIdentitySource
{
    /// <summary>Where polling resumes, as text to persist; null before the first read.</summary>
    string? Cursor { get; }

    /// <summary>Resumes from a persisted cursor; false when it cannot be used here (then a full read follows).</summary>
    bool TryResume(string cursor);
}
