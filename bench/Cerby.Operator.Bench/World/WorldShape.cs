namespace Cerby.Operator.Bench.World;

/// <summary>The size and mix of the benchmark world. <see cref="Issue"/> is the world the performance targets are stated for.</summary>
internal sealed record WorldShape
{
    /// <summary>The world of the issue: 100k users, 5k groups, 1k hubs, 10k shares.</summary>
    public static WorldShape Issue { get; } = new();

    public int Users { get; init; } = 100_000;

    public int Groups { get; init; } = 5_000;

    public int Hubs { get; init; } = 1_000;

    public int Shares { get; init; } = 10_000;

    /// <summary>Each user is in between 1 and this many groups (uniformly), so about 40 members per group.</summary>
    public int MaxGroupsPerUser { get; init; } = 3;

    /// <summary>Shares whose subject is one user (by email) rather than a team.</summary>
    public double IndividualShareRatio { get; init; } = 0.10;

    /// <summary>Users suspended or deactivated in the IdP.</summary>
    public double InactiveUserRatio { get; init; } = 0.03;

    /// <summary>Meta-like hubs: inviteRequired, roles with asset tasks, shares with pages and ad accounts.</summary>
    public double AssetHubRatio { get; init; } = 0.30;

    /// <summary>Of the shares of an asset hub, those that share assets too.</summary>
    public double ShareWithAssetsRatio { get; init; } = 0.50;

    /// <summary>Desired members whose app state differs (missing, wrong role, wrong asset tasks, extra members).</summary>
    public double DifferenceRatio { get; init; } = 0.015;

    /// <summary>Distinct (group, user) additions the incremental measure cycles through.</summary>
    public int MembershipChanges { get; init; } = 64;

    public int Seed { get; init; } = 20_250_611;
}
