namespace Cerby.Operator.Identity.Scim;

/// <summary>A store's users and groups (tombstones included) as of <see cref="Version"/>; version 0 means nothing was ever pushed.</summary>
internal sealed record ScimStoreSnapshot(long Version, IReadOnlyList<ScimStoredResource> Users, IReadOnlyList<ScimStoredResource> Groups)
{
    /// <summary>The creation counter (stable paging order), kept with the data.</summary>
    public long Sequence { get; init; }
}
