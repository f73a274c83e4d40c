using Cerby.Operator.Connectors;

namespace Cerby.Operator.Tests.Connectors;

/// <summary>
/// What the contract suite needs from a connector's test peer: start it (as an xunit class fixture), make connectors
/// against it, seed and inspect its state without the connector, count its write calls, and inject faults.
/// </summary>
public interface IConnectorFixture
{
    /// <summary>The app's native roles, most privileged first; at least three.</summary>
    IReadOnlyList<string> NativeRoles { get; }

    /// <summary>The page size the fixture's connectors ask for; the suite seeds more members than this to cross pages.</summary>
    int PageSize { get; }

    /// <summary>The most write calls one change may make against this peer (1 is the contract; more must be documented).</summary>
    int MaxWritesPerChange { get; }

    /// <summary>
    /// Whether the app shows which members the operator created (SCIM's externalId marker). Meta cannot, so its
    /// connector reads every member as not managed and the hub reconciler keeps its own record.
    /// </summary>
    bool MarksManaged { get; }

    /// <summary>Whether an Add for a new person sends an invite that stays pending until accepted (Meta), rather than creating the member.</summary>
    bool AddsByInvite { get; }

    /// <summary>Accepts the pending invite of <paramref name="email"/> as the invited person would; only for peers that add by invite.</summary>
    Task AcceptInviteAsync(string email);

    /// <summary>The credentials the fixture's connectors hold (right and wrong), which no error message may contain.</summary>
    IReadOnlyList<string> Secrets { get; }

    /// <summary>Empties the peer and clears faults; called before every test.</summary>
    Task ResetAsync();

    /// <summary>A connector to the peer; waits go through <paramref name="time"/>. With <paramref name="validCredentials"/> false it sends a wrong token.</summary>
    IAppConnector CreateConnector(TimeProvider time, bool validCredentials = true);

    /// <summary>Puts a member straight into the peer, bypassing the connector; returns the app's id.</summary>
    Task<string> SeedAsync(PeerMember member);

    /// <summary>Seeds many members at once (for paging and benchmarks).</summary>
    Task SeedManyAsync(IReadOnlyList<PeerMember> members);

    /// <summary>The member as the peer holds it, read without the connector; null when absent.</summary>
    Task<PeerMember?> InspectAsync(string email);

    /// <summary>Write calls (anything but GET) the peer has served since the last reset.</summary>
    Task<int> WritesAsync();

    /// <summary>Makes the peer answer the next member-list page requests with a fault, after letting <paramref name="afterPages"/> pages through.</summary>
    Task InjectReadFaultAsync(PeerFault fault, int times = 1, int afterPages = 0);

    /// <summary>Makes the peer answer the next <paramref name="times"/> write requests with a fault.</summary>
    Task InjectWriteFaultAsync(PeerFault fault, int times = 1);
}

/// <summary>A member as a test peer holds it.</summary>
/// <param name="Email">The email, also the login name.</param>
/// <param name="NativeRole">The app-native role.</param>
/// <param name="Active">False when suspended.</param>
/// <param name="Managed">Carries the marker that the operator provisioned it.</param>
public sealed record PeerMember(string Email, string? NativeRole, bool Active = true, bool Managed = false);

/// <summary>Faults a test peer can inject.</summary>
public enum PeerFault
{
    /// <summary>429 with Retry-After: 1.</summary>
    Throttle,

    /// <summary>503.</summary>
    ServerError,

    /// <summary>200 with a body cut off mid-JSON.</summary>
    MalformedBody,

    /// <summary>The peer ignores the paging position and serves the first page again.</summary>
    PageLoop,
}
