using Cerby.Operator.Planning;
using Microsoft.Graph.Models;

namespace Cerby.Operator.Identity.Entra;

/// <summary>Entra users as the planner sees them.</summary>
internal static class EntraUserMapping
{
    /// <summary>accountEnabled true can sign in; false is deactivated; missing is not trusted to grant access.</summary>
    public static UserLifecycle Lifecycle(bool? accountEnabled) => accountEnabled switch
    {
        true => UserLifecycle.Active,
        false => UserLifecycle.Deactivated,
        null => UserLifecycle.Suspended,
    };

    /// <summary>
    /// The planner's user: matched by mail, or by userPrincipalName when there is no mailbox. <paramref name="known"/>
    /// fills what a delta entry left out (email, sign-in state).
    /// </summary>
    public static IdpUser ToIdpUser(User user, IdpUser? known = null)
    {
        var id = user.Id ?? throw new EntraApiException("Microsoft Graph returned a user without an id");
        var profile = Profile(user);
        var email = user.Mail is { Length: > 0 } mail ? mail : user.UserPrincipalName is { Length: > 0 } upn ? upn : known?.Email ?? id;
        var lifecycle = user.AccountEnabled is null && known is not null ? known.Lifecycle : Lifecycle(user.AccountEnabled);
        return new IdpUser(id, email, lifecycle, ProfileMap.Of(profile));
    }

    /// <summary>A user Entra no longer has (deleted, soft or hard): known by the id and what was last read of them.</summary>
    public static IdpUser Deleted(string userId, IdpUser? known) =>
        new(userId, known?.Email ?? userId, UserLifecycle.Deleted, known?.Profile ?? ProfileMap.Empty);

    /// <summary>Whether a delta entry (user, group or member) carries <c>@removed</c>.</summary>
    public static bool IsRemoved(IDictionary<string, object>? additionalData) => additionalData?.ContainsKey("@removed") == true;

    private static Dictionary<string, string> Profile(User user)
    {
        var profile = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                profile[name] = value;
            }
        }

        Add("userPrincipalName", user.UserPrincipalName);
        Add("mail", user.Mail);
        Add("email", user.Mail ?? user.UserPrincipalName);
        Add("displayName", user.DisplayName);
        Add("givenName", user.GivenName);
        Add("surname", user.Surname);
        Add("department", user.Department);
        Add("jobTitle", user.JobTitle);
        Add("employeeId", user.EmployeeId);
        Add("employeeType", user.EmployeeType);
        Add("companyName", user.CompanyName);
        Add("officeLocation", user.OfficeLocation);
        Add("city", user.City);
        Add("country", user.Country);
        Add("mobilePhone", user.MobilePhone);
        return profile;
    }
}
