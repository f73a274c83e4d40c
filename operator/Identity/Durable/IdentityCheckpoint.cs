using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Durable;

/// <summary>
/// What the leader keeps of a polled identity provider (Okta, Entra) across restarts and failover: the directory as it
/// knew it, what the last full read found per bound group, when that read was, and the cursor polling resumes from.
/// The directory and the cursor are saved together, so the cursor never runs ahead of the state it belongs to.
/// </summary>
/// <param name="Fingerprint">The watcher's (spec and Secret version): a checkpoint of another configuration is not resumed.</param>
internal sealed record IdentityCheckpoint(string Fingerprint, IdpDirectory Directory, IReadOnlyList<GroupLookup> Groups, DateTimeOffset LastFullRead, string Cursor);
