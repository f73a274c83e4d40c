namespace Cerby.Emulators.Meta;

/// <summary>A person who accepted an invitation: a business user with a business-scoped id.</summary>
internal sealed record EmulatedBusinessUser(string Id, string? Email, string Role, string Name);

/// <summary>A pending invitation (a BusinessRoleRequest).</summary>
internal sealed record EmulatedInvite(string Id, string Email, string Role, DateTimeOffset CreatedTime, DateTimeOffset ExpirationTime);

/// <summary>A page or ad account and who is assigned to it with which tasks.</summary>
internal sealed record EmulatedAsset(string Node, EmulatedAssetKind Kind)
{
    public SortedDictionary<long, IReadOnlyList<string>> Assigned { get; } = [];
}

/// <summary>The kinds of asset that have an <c>assigned_users</c> edge in the emulator.</summary>
internal enum EmulatedAssetKind
{
    /// <summary>A Facebook page, addressed by its id.</summary>
    Page,

    /// <summary>An ad account, addressed as <c>act_{id}</c>.</summary>
    AdAccount,
}
