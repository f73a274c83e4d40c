namespace Cerby.Emulators.GoogleAds;

/// <summary>
/// One Google Ads customer account in memory: its user accesses and access invitations. Test-facing here (seed,
/// inspect, play the invitee); the API-facing rules are in GoogleAdsAccount.Api.cs.
/// </summary>
internal sealed partial class GoogleAdsAccount(string customerId, TimeProvider time)
{
    /// <summary>Invitations expire 20 days after creation (AccessInvitationStatus comment, reference section 4).</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(20);

    private readonly Lock gate = new();
    private readonly SortedDictionary<long, EmulatedAdsUser> users = [];
    private readonly SortedDictionary<long, EmulatedAdsInvitation> invitations = [];
    private long nextUserId = 555001;
    private long nextInvitationId = 98765;

    /// <summary>The customer id (digits only).</summary>
    public string CustomerId { get; } = customerId;

    /// <summary>Which last-admin rule applies; a serving account with an owning manager unless a test says otherwise.</summary>
    public AdsAccountKind Kind { get; set; } = AdsAccountKind.ServingWithManager;

    /// <summary>The email of the Google account the OAuth token belongs to (the caller), for the self-removal rule.</summary>
    public string CallerEmail { get; set; } = "operator@example.com";

    /// <summary>When set, user-access updates and removals are held for a second admin's review instead of applied.</summary>
    public bool MultiPartyReview { get; set; }

    /// <summary>Forgets every user and invitation and resets the rules (ids keep counting).</summary>
    public void Clear()
    {
        lock (gate)
        {
            users.Clear();
            invitations.Clear();
            Kind = AdsAccountKind.ServingWithManager;
            MultiPartyReview = false;
        }
    }

    /// <summary>Seeds a user access; returns its user id.</summary>
    public string SeedUser(string email, string accessRole)
    {
        lock (gate)
        {
            var id = nextUserId++;
            users[id] = new EmulatedAdsUser(id, email, accessRole, time.GetUtcNow(), "owner@example.com");
            return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The user whose email is <paramref name="email"/> (case-insensitive), or null.</summary>
    public EmulatedAdsUser? UserByEmail(string email)
    {
        lock (gate)
        {
            return users.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Every invitation of <paramref name="email"/>, oldest first, with its status as of now.</summary>
    public IReadOnlyList<EmulatedAdsInvitation> InvitationsOf(string email)
    {
        lock (gate)
        {
            return [.. invitations.Values.Where(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase)).Select(Aged)];
        }
    }

    /// <summary>
    /// Plays the invitee accepting the pending invitation of <paramref name="email"/>, possibly signing in with another
    /// Google account (<paramref name="acceptAs"/>): the invitation leaves the list and a user row with its role appears.
    /// What the real API shows for an accepted invitation is not documented (there is no ACCEPTED status).
    /// </summary>
    public string AcceptInvitation(string email, string? acceptAs = null)
    {
        lock (gate)
        {
            var invitation = PendingOf(email) ?? throw new InvalidOperationException($"no pending invitation for {email}");
            invitations.Remove(invitation.InvitationId);
            var id = nextUserId++;
            users[id] = new EmulatedAdsUser(id, acceptAs ?? invitation.Email, invitation.AccessRole, time.GetUtcNow(), CallerEmail);
            return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Plays the invitee declining the pending invitation of <paramref name="email"/>.</summary>
    public void DeclineInvitation(string email)
    {
        lock (gate)
        {
            var invitation = PendingOf(email) ?? throw new InvalidOperationException($"no pending invitation for {email}");
            invitations[invitation.InvitationId] = invitation with { Status = "DECLINED" };
        }
    }

    /// <summary>Seeds an invitation created <paramref name="age"/> ago (20 days or more reads as EXPIRED).</summary>
    public string SeedInvitation(string email, string accessRole, TimeSpan age = default)
    {
        lock (gate)
        {
            var id = nextInvitationId++;
            invitations[id] = new EmulatedAdsInvitation(id, email, accessRole, time.GetUtcNow() - age, "PENDING");
            return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A second admin approves every held review: the held changes take effect.</summary>
    public void ApproveReviews()
    {
        lock (gate)
        {
            foreach (var (id, change) in heldChanges)
            {
                if (users.TryGetValue(id, out var user))
                {
                    if (change is null)
                    {
                        users.Remove(id);
                    }
                    else
                    {
                        users[id] = user with { AccessRole = change, PendingReview = false };
                    }
                }
            }

            heldChanges.Clear();
        }
    }

    private EmulatedAdsInvitation? PendingOf(string email) =>
        invitations.Values.Select(Aged).FirstOrDefault(i => i.Status == "PENDING" && string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase));

    private EmulatedAdsInvitation Aged(EmulatedAdsInvitation invitation) =>
        invitation.Status == "PENDING" && time.GetUtcNow() - invitation.Created >= InvitationLifetime ? invitation with { Status = "EXPIRED" } : invitation;
}
