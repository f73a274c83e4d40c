using System.Globalization;

namespace Cerby.Emulators.GoogleAds;

/// <summary>The API-facing rules of the account (reference sections 3, 4 and 6).</summary>
internal sealed partial class GoogleAdsAccount
{
    /// <summary>The roles AccessRole names that can be written (reference section 5).</summary>
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(["ADMIN", "STANDARD", "READ_ONLY", "EMAIL_ONLY"], StringComparer.Ordinal);

    private readonly Dictionary<long, string?> heldChanges = [];
    private long nextReviewId = 7001;

    /// <summary>Every user access, in id order.</summary>
    public IReadOnlyList<EmulatedAdsUser> Users()
    {
        lock (gate)
        {
            return [.. users.Values];
        }
    }

    /// <summary>Every invitation with its status as of now, in id order.</summary>
    public IReadOnlyList<EmulatedAdsInvitation> Invitations()
    {
        lock (gate)
        {
            return [.. invitations.Values.Select(Aged)];
        }
    }

    public string UserResource(long id) => $"customers/{CustomerId}/customerUserAccesses/{id}";

    public string InvitationResource(long id) => $"customers/{CustomerId}/customerUserAccessInvitations/{id}";

    /// <summary>Sets a user's role; returns the resource name, or a review's name when the change is held for approval.</summary>
    public (string? ResourceName, string? Review) UpdateRole(string resourceName, string role)
    {
        CheckRole(role, "customerUserAccessError");
        lock (gate)
        {
            var user = UserOf(resourceName);
            if (user.AccessRole == "ADMIN" && role != "ADMIN")
            {
                CheckLastAdmin(user); // demotion under the removal rule: not documented, see README
            }

            if (MultiPartyReview)
            {
                return (null, Hold(user, role));
            }

            users[user.UserId] = user with { AccessRole = role };
            return (resourceName, null);
        }
    }

    /// <summary>Removes a user access; returns the resource name, or a review's name when held.</summary>
    public (string? ResourceName, string? Review) RemoveUser(string resourceName)
    {
        lock (gate)
        {
            var user = UserOf(resourceName);
            if (user.AccessRole == "ADMIN")
            {
                CheckLastAdmin(user);
            }

            if (MultiPartyReview)
            {
                return (null, Hold(user, null));
            }

            users.Remove(user.UserId);
            return (resourceName, null);
        }
    }

    /// <summary>Creates an invitation; returns its resource name.</summary>
    public string Invite(string email, string role)
    {
        CheckRole(role, "accessInvitationError");
        if (email.Length < 3 || !email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal))
        {
            throw GoogleAdsException.Invalid("accessInvitationError", "INVALID_EMAIL_ADDRESS", $"The email address '{email}' is not valid.");
        }

        lock (gate)
        {
            if (users.Values.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                throw GoogleAdsException.Invalid("accessInvitationError", "EMAIL_ADDRESS_ALREADY_HAS_ACCESS", "The email address already has access to this customer.");
            }

            if (PendingOf(email) is not null)
            {
                throw GoogleAdsException.Invalid("accessInvitationError", "EMAIL_ADDRESS_ALREADY_HAS_PENDING_INVITATION", "The email address already has a pending invitation.");
            }

            var id = nextInvitationId++;
            invitations[id] = new EmulatedAdsInvitation(id, email, role, time.GetUtcNow(), "PENDING");
            return InvitationResource(id);
        }
    }

    /// <summary>Removes (cancels) an invitation; returns its resource name.</summary>
    public string RemoveInvitation(string resourceName)
    {
        lock (gate)
        {
            var id = IdOf(resourceName, "customerUserAccessInvitations", "accessInvitationError", "INVALID_INVITATION_ID");
            if (!invitations.Remove(id))
            {
                throw GoogleAdsException.Invalid("accessInvitationError", "INVALID_INVITATION_ID", $"No invitation with id {id}.");
            }

            return resourceName;
        }
    }

    private string Hold(EmulatedAdsUser user, string? role)
    {
        heldChanges[user.UserId] = role;
        users[user.UserId] = user with { PendingReview = true };
        return $"customers/{CustomerId}/multiPartyAuthReviews/{nextReviewId++}";
    }

    private void CheckLastAdmin(EmulatedAdsUser user)
    {
        var otherAdmins = users.Values.Any(u => u.UserId != user.UserId && u.AccessRole == "ADMIN");
        if (otherAdmins)
        {
            return;
        }

        if (Kind == AdsAccountKind.Manager)
        {
            throw GoogleAdsException.Invalid("customerUserAccessError", "LAST_ADMIN_USER_OF_MANAGER", "The last admin user of a manager account cannot be removed.");
        }

        if (Kind == AdsAccountKind.ServingWithoutManager && string.Equals(user.Email, CallerEmail, StringComparison.OrdinalIgnoreCase))
        {
            throw GoogleAdsException.Invalid("customerUserAccessError", "LAST_ADMIN_USER_OF_SERVING_CUSTOMER",
                "The last admin user of a serving account without an owning manager cannot remove themselves.");
        }
    }

    private EmulatedAdsUser UserOf(string resourceName)
    {
        var id = IdOf(resourceName, "customerUserAccesses", "customerUserAccessError", "INVALID_USER_ID");
        return users.TryGetValue(id, out var user)
            ? user
            : throw GoogleAdsException.Invalid("customerUserAccessError", "INVALID_USER_ID", $"No user with id {id} has access to this customer.");
    }

    private long IdOf(string resourceName, string collection, string family, string value)
    {
        var prefix = $"customers/{CustomerId}/{collection}/";
        if (!resourceName.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw GoogleAdsException.Request("RESOURCE_NAME_MALFORMED", $"The resource name '{resourceName}' is malformed.");
        }

        return long.TryParse(resourceName.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw GoogleAdsException.Invalid(family, value, $"'{resourceName[prefix.Length..]}' is not an id.");
    }

    private static void CheckRole(string role, string family)
    {
        if (!Roles.Contains(role))
        {
            throw GoogleAdsException.Invalid(family, "DISALLOWED_ACCESS_ROLE", $"The access role '{role}' cannot be set.");
        }
    }
}
