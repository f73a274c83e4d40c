namespace Cerby.Operator.Connectors.GitHub;

/// <summary>The REST paths the connector calls, relative to the base URL, with every parameter URL-encoded.</summary>
internal sealed class GitHubPaths(string organization)
{
    private readonly string org = Uri.EscapeDataString(organization);

    /// <summary>The organization itself; its <c>plan</c> (seats) is shown to owners only.</summary>
    public string Organization => $"orgs/{org}";

    /// <summary>Active members with one org role (admin or member).</summary>
    public string Members(string role) => $"orgs/{org}/members?role={role}";

    /// <summary>Pending invitations, by login or by email.</summary>
    public string Invitations => $"orgs/{org}/invitations";

    /// <summary>One person's org membership (role and state); PUT adds or invites, DELETE removes or cancels.</summary>
    public string Membership(string login) => $"orgs/{org}/memberships/{Uri.EscapeDataString(login)}";

    /// <summary>One email invitation, for cancelling it.</summary>
    public string Invitation(string id) => $"orgs/{org}/invitations/{Uri.EscapeDataString(id)}";

    /// <summary>A team's members with one team role (maintainer or member).</summary>
    public string TeamMembers(string slug, string role) => $"orgs/{org}/teams/{Uri.EscapeDataString(slug)}/members?role={role}";

    /// <summary>One person's membership of a team.</summary>
    public string TeamMembership(string slug, string login) => $"orgs/{org}/teams/{Uri.EscapeDataString(slug)}/memberships/{Uri.EscapeDataString(login)}";
}
