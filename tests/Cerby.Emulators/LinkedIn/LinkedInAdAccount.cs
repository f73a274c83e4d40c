namespace Cerby.Emulators.LinkedIn;

/// <summary>One ad account user as the emulator holds it.</summary>
internal sealed record LinkedInAccountUserRecord(string Person, string Role, long CreatedAt, long LastModifiedAt);

/// <summary>
/// One ad account's users, in the order they were added, and the LinkedIn members that exist (only they can be
/// added). Enforces the role enum and at most one ACCOUNT_BILLING_ADMIN. Thread-safe.
/// </summary>
internal sealed class LinkedInAdAccount(string accountId, TimeProvider time)
{
    /// <summary>The five roles, most privileged first.</summary>
    public static readonly IReadOnlyList<string> Roles = ["ACCOUNT_BILLING_ADMIN", "ACCOUNT_MANAGER", "CAMPAIGN_MANAGER", "CREATIVE_MANAGER", "VIEWER"];

    public const string BillingAdmin = "ACCOUNT_BILLING_ADMIN";

    private readonly Lock gate = new();
    private readonly OrderedDictionary<string, LinkedInAccountUserRecord> users = new(StringComparer.Ordinal);
    private readonly HashSet<string> members = new(StringComparer.Ordinal);

    /// <summary>The account's URN.</summary>
    public string Urn { get; } = $"urn:li:sponsoredAccount:{accountId}";

    /// <summary>Makes <paramref name="personUrn"/> a LinkedIn member who can be added.</summary>
    public void RegisterMember(string personUrn)
    {
        lock (gate)
        {
            members.Add(personUrn);
        }
    }

    /// <summary>Adds or overwrites a user straight away (seeding); registers the member too.</summary>
    public void Seed(string personUrn, string role)
    {
        lock (gate)
        {
            members.Add(personUrn);
            Put(personUrn, role);
        }
    }

    /// <summary>The user, or null.</summary>
    public LinkedInAccountUserRecord? Get(string personUrn)
    {
        lock (gate)
        {
            return users.GetValueOrDefault(personUrn);
        }
    }

    /// <summary>Users from <paramref name="start"/>, at most <paramref name="count"/>, and the total.</summary>
    public (IReadOnlyList<LinkedInAccountUserRecord> Page, int Total) List(int start, int count)
    {
        lock (gate)
        {
            var page = new List<LinkedInAccountUserRecord>();
            for (var i = start; i < users.Count && page.Count < count; i++)
            {
                page.Add(users.GetAt(i).Value);
            }

            return (page, users.Count);
        }
    }

    /// <summary>Creates or overwrites (PUT); true when it created.</summary>
    public bool Put(string personUrn, string role)
    {
        lock (gate)
        {
            if (!members.Contains(personUrn))
            {
                throw new LinkedInRestException(404, $"Member {personUrn} does not exist");
            }

            CheckRole(personUrn, role);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var created = !users.TryGetValue(personUrn, out var existing);
            users[personUrn] = new LinkedInAccountUserRecord(personUrn, role, existing?.CreatedAt ?? now, now);
            return created;
        }
    }

    /// <summary>Changes the role of an existing user (partial update).</summary>
    public void SetRole(string personUrn, string role)
    {
        lock (gate)
        {
            var existing = users.GetValueOrDefault(personUrn) ?? throw new LinkedInRestException(404, $"Ad account user {personUrn} does not exist in {Urn}");
            CheckRole(personUrn, role);
            users[personUrn] = existing with { Role = role, LastModifiedAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
        }
    }

    /// <summary>Removes the user; false when absent.</summary>
    public bool Remove(string personUrn)
    {
        lock (gate)
        {
            return users.Remove(personUrn);
        }
    }

    /// <summary>Removes every user and member.</summary>
    public void Clear()
    {
        lock (gate)
        {
            users.Clear();
            members.Clear();
        }
    }

    private void CheckRole(string personUrn, string role)
    {
        if (!Roles.Contains(role, StringComparer.Ordinal))
        {
            throw new LinkedInRestException(400, $"INVALID_VALUE: role {role} is not one of {string.Join(", ", Roles)}", 100);
        }

        if (role == BillingAdmin && users.Any(u => u.Value.Role == BillingAdmin && u.Key != personUrn))
        {
            throw new LinkedInRestException(400, $"INVALID_VALUE: ad account {Urn} already has an {BillingAdmin}; an account has only one", 100);
        }
    }
}
