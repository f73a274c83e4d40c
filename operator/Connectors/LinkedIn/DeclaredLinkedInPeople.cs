namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>The person URNs a hub declares (<c>spec.connector.linkedIn.people</c>); emails match case-insensitively.</summary>
internal sealed class DeclaredLinkedInPeople : ILinkedInPeople
{
    private readonly Dictionary<string, string> personByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> emailByPerson = new(StringComparer.Ordinal);

    /// <param name="pairs">Email and person URN pairs; validated at admission to be unique both ways.</param>
    public DeclaredLinkedInPeople(IEnumerable<(string Email, string PersonUrn)> pairs)
    {
        foreach (var (email, person) in pairs)
        {
            personByEmail.TryAdd(email, person);
            emailByPerson.TryAdd(person, email);
        }
    }

    /// <inheritdoc />
    public string? PersonOf(string email) => personByEmail.GetValueOrDefault(email);

    /// <inheritdoc />
    public string? EmailOf(string personUrn) => emailByPerson.GetValueOrDefault(personUrn);
}
