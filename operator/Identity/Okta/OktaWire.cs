using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cerby.Operator.Identity.Okta;

// The parts of Okta's resources the operator reads (okta-management-api.md sections 3 to 6); other fields are ignored.

/// <summary>A User: <c>{"id", "status", "profile": {"login", "email", …custom}}</c>.</summary>
internal sealed record OktaUser(string Id, string? Status, Dictionary<string, JsonElement>? Profile);

/// <summary>A Group: <c>{"id", "type", "profile": {"name", "description"}}</c>; the operator reads the id and name.</summary>
internal sealed record OktaGroup(string Id, OktaGroupProfile? Profile);

internal sealed record OktaGroupProfile(string? Name);

/// <summary>An AppUser: <c>id</c> is the Okta user id, <c>scope</c> USER (direct) or GROUP, <c>profile</c> the app-user profile.</summary>
internal sealed record OktaAppUser(string Id, string? Scope, Dictionary<string, JsonElement>? Profile);

/// <summary>An app group assignment: <c>id</c> is the group id; with <c>expand=group</c>, <c>_embedded.group</c> is the Group.</summary>
internal sealed record OktaAppGroup(string Id, int? Priority, Dictionary<string, JsonElement>? Profile, [property: JsonPropertyName("_embedded")] OktaAppGroupEmbedded? Embedded);

internal sealed record OktaAppGroupEmbedded(OktaGroup? Group);

/// <summary>
/// A System Log LogEvent (trimmed): targets are found by type (User, UserGroup, AppInstance), never by index; the
/// outcome says whether the action happened (SUCCESS) or was attempted and refused (FAILURE, DENY, …).
/// </summary>
internal sealed record OktaLogEvent(string Uuid, DateTimeOffset Published, string EventType, IReadOnlyList<OktaLogTarget>? Target, OktaLogOutcome? Outcome = null);

internal sealed record OktaLogOutcome(string? Result);

internal sealed record OktaLogTarget(string Id, string Type, string? AlternateId);
