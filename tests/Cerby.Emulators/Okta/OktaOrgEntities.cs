namespace Cerby.Emulators.Okta;

/// <summary>An emulated Okta user: id 00u…, status (ACTIVE, STAGED, SUSPENDED, DEPROVISIONED, …) and a flat profile.</summary>
internal sealed class OktaUserEntity(string id, DateTimeOffset created)
{
    public string Id { get; } = id;

    public DateTimeOffset Created { get; } = created;

    public string Status { get; set; } = "ACTIVE";

    public DateTimeOffset LastUpdated { get; set; } = created;

    public Dictionary<string, string?> Profile { get; } = new(StringComparer.Ordinal);

    public string Login => Profile.GetValueOrDefault("login") ?? Id;
}

/// <summary>An emulated OKTA_GROUP: id 00g…, profile.name, direct members by user id.</summary>
internal sealed class OktaGroupEntity(string id, string name, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastMembershipUpdated { get; set; } = created;

    public SortedSet<string> Members { get; } = new(StringComparer.Ordinal);
}

/// <summary>An emulated app integration: id 0oa…, user assignments (USER scope) and group assignments, each with a profile.</summary>
internal sealed class OktaAppEntity(string id, string label)
{
    public string Id { get; } = id;

    public string Label { get; } = label;

    public SortedDictionary<string, Dictionary<string, string?>> Users { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, (int Priority, Dictionary<string, string?> Profile)> Groups { get; } = new(StringComparer.Ordinal);
}

/// <summary>A System Log event as the emulator keeps it; <see cref="Sequence"/> orders it and backs the <c>after</c> cursor.</summary>
internal sealed record OktaLogEntry(long Sequence, string Uuid, DateTimeOffset Published, string EventType, string DisplayMessage, IReadOnlyList<OktaLogEntryTarget> Targets);

internal sealed record OktaLogEntryTarget(string Id, string Type, string AlternateId, string DisplayName);
