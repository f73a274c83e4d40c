using Cerby.Emulators.Okta;
using Cerby.Sandbox;

namespace Cerby.FaultSuite.World;

/// <summary>Set-ups several scenarios share: a namespace whose people come from Okta or a SCIM push, and the app's seats.</summary>
internal static class Stages
{
    /// <summary>A namespace with the Okta IdP "okta" (at <paramref name="oktaUrl"/>, maybe a proxy) and the SCIM hub "app".</summary>
    public static string OktaAndScimHub(string ns, string oktaUrl, OktaEmulator okta, string scimUrl, ScimApp app, string poll = "1s", string? hookAuthorization = null) =>
        Manifests.Namespace(ns)
        + Manifests.Secret(ns, "okta-api-token", "apiToken", okta.ApiToken, hookAuthorization is null ? null : "eventHookAuthorization", hookAuthorization)
        + Manifests.Secret(ns, "scim-token", "token", app.Token)
        + Manifests.OktaIdp(ns, "okta", oktaUrl, "okta-api-token", poll)
        + Manifests.ScimHub(ns, "app", scimUrl, "scim-token");

    /// <summary>A namespace whose IdP pushes over SCIM (IdentityProvider "pushed"), team support from group Support, Viewer on the SCIM hub "app".</summary>
    public static string PushedToScimHub(string ns, string pushToken, ScimApp app) =>
        Manifests.Namespace(ns)
        + Manifests.Secret(ns, "scim-push", "bearerToken", pushToken)
        + Manifests.Secret(ns, "scim-token", "token", app.Token)
        + Manifests.ScimIdp(ns, "pushed", "scim-push")
        + Manifests.ScimHub(ns, "app", app.Server.ScimUrl, "scim-token")
        + Manifests.Binding(ns, "support", "Support", "pushed")
        + Manifests.TeamShare(ns, "support", "app", "Viewer", "support");

    /// <summary>Creates an Okta group with these members (logins), returning the group id and the users' ids by login.</summary>
    public static (string Group, Dictionary<string, string> Users) OktaGroup(OktaOrg org, string name, IEnumerable<string> logins)
    {
        var group = org.CreateGroup(name);
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var login in logins)
        {
            users[login] = org.CreateUser(login);
            org.AddToGroup(group, users[login]);
        }

        return (group, users);
    }

    /// <summary>The app's active members with their roles, by userName.</summary>
    public static async Task<Dictionary<string, string?>> SeatsAsync(ScimApp app, CancellationToken cancellationToken) =>
        (await app.Members.ReadAsync(cancellationToken)).Values.Where(m => m.Active).ToDictionary(m => m.UserName, m => m.Role, StringComparer.OrdinalIgnoreCase);

    /// <summary>Users in <paramref name="logins"/> that hold an active seat.</summary>
    public static async Task<List<string>> SeatedAsync(ScimApp app, IEnumerable<string> logins, CancellationToken cancellationToken)
    {
        var seats = await SeatsAsync(app, cancellationToken);
        return [.. logins.Where(seats.ContainsKey)];
    }

    /// <summary>Fails the scenario when the operator died on its own.</summary>
    public static void Alive(OperatorProcess process, string name)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"operator {name} exited on its own (see its log)");
        }
    }
}
