using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cerby.Emulators.LinkedIn;
using Cerby.Operator.Connectors.LinkedIn;

namespace Cerby.Operator.Tests.Connectors.LinkedIn;

/// <summary>
/// The fixture's people directory: every email the tests name is a LinkedIn member with a person URN derived from it
/// (registered in the emulator on first use), except the emails in <see cref="Undeclared"/>, which the hub knows nothing about.
/// </summary>
internal sealed class FixturePeople(LinkedInAdAccount account) : ILinkedInPeople
{
    private readonly ConcurrentDictionary<string, string> emailByPerson = new(StringComparer.Ordinal);

    /// <summary>Emails no person URN is declared for.</summary>
    public ConcurrentDictionary<string, bool> Undeclared { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The URN the fixture gives <paramref name="email"/>, undeclared or not.</summary>
    public static string UrnOf(string email) =>
        "urn:li:person:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())))[..10];

    public string? PersonOf(string email)
    {
        if (Undeclared.ContainsKey(email))
        {
            return null;
        }

        var urn = UrnOf(email);
        emailByPerson[urn] = email.ToLowerInvariant();
        account.RegisterMember(urn);
        return urn;
    }

    public string? EmailOf(string personUrn) => emailByPerson.GetValueOrDefault(personUrn);

    /// <summary>Declares <paramref name="email"/> (as seeding does).</summary>
    public string Declare(string email)
    {
        Undeclared.TryRemove(email, out _);
        return PersonOf(email)!;
    }

    public void Clear()
    {
        emailByPerson.Clear();
        Undeclared.Clear();
    }
}
