using Cerby.Emulators.Meta;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// The Meta Business emulator, read in-process (its own state, not the operator's): business users and pending
/// invitations by email (Meta adds people by invitation, so a new member first shows as an invite with its role),
/// with ADMIN standing for Admin and EMPLOYEE for Editor. It owns the emulator and stops it on dispose.
/// </summary>
internal sealed class MetaAppProbe(MetaEmulator meta) : IAppProbe
{
    public string Name => "Meta Business emulator (wire-level Graph API)";

    public Task<(bool Member, string? Role)> UserAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult((meta.Business.UserByEmail(email)?.Role ?? meta.Business.InviteByEmail(email)?.Role) is { } role
            ? (true, role == "ADMIN" ? "Admin" : "Editor")
            : (false, (string?)null));

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(meta.Business.Users.Count + meta.Business.Invites.Count);

    public ValueTask DisposeAsync() => meta.DisposeAsync();
}
