namespace Cerby.Operator.Planning;

/// <summary>The grants an IdentityProvider's app integration (IdLCM) gives a hub: its direct and group assignments.</summary>
internal static class AppAssignmentGrants
{
    public static void Add(AccessModel model, HubModel hub, AppIntegrationEntry integration, MemberSet members, List<Unknown> uncertain)
    {
        var origin = GrantOrigin.Integration(integration.IdpKey, integration.App.AppId);
        if (!model.Identity.Directories.TryGetValue(integration.IdpKey, out var directory) || !directory.AssignmentsKnown)
        {
            uncertain.Add(new Unknown(UnknownKind.Membership, $"assignments of app {integration.App.AppId} in IdentityProvider {integration.IdpKey} are unknown", TeamResolution.ScopeOf(model.Declared, directory)));
            return;
        }

        foreach (var assignment in directory.Assignments)
        {
            var role = integration.App.RoleAttribute is { } attr && assignment.Profile.TryGetValue(attr, out var named) && hub.Role(named) is not null
                ? named
                : integration.App.Role;
            if (assignment.UserId is { } userId)
            {
                if (directory.Users.TryGetValue(userId, out var user))
                {
                    var direct = new Grant(role, GrantSource.AppAssignment, origin, null, []);
                    Grant[] alone = [direct];
                    AdmitAssigned(user, direct, alone, assignment, integration.App, members);
                }
                else if (!directory.UsersKnown)
                {
                    uncertain.Add(new Unknown(UnknownKind.Membership, $"users of IdentityProvider {integration.IdpKey} could not be read", null));
                }
            }
            else if (assignment.GroupId is { } groupId)
            {
                if (!directory.Groups.TryGetValue(groupId, out var group) || TeamResolution.EffectiveState(model.Declared, directory, group, model.Now) == MembershipState.Unknown)
                {
                    uncertain.Add(new Unknown(UnknownKind.Membership, $"members of group {groupId} assigned to app {integration.App.AppId} are unknown", TeamResolution.ScopeOf(model.Declared, directory)));
                    continue;
                }

                var grant = new Grant(role, GrantSource.AppAssignment, origin, group.DisplayName, []);
                Grant[] alone = [grant];
                foreach (var id in group.MemberIds)
                {
                    if (directory.Users.TryGetValue(id, out var user))
                    {
                        AdmitAssigned(user, grant, alone, assignment, integration.App, members);
                    }
                }
            }
        }
    }

    private static void AdmitAssigned(IdpUser user, Grant grant, IReadOnlyList<Grant> alone, AppAssignment assignment, Resources.AppIntegration app, MemberSet members)
    {
        if (!members.Admit(user, grant, alone))
        {
            return;
        }

        foreach (var mapping in app.AttributeMappings)
        {
            var value = assignment.Profile.TryGetValue(mapping.IdpAttribute, out var fromAssignment) ? fromAssignment
                : user.Profile.TryGetValue(mapping.IdpAttribute, out var fromProfile) ? fromProfile
                : null;
            members.SetAttribute(user.Key, mapping.AppAttribute, value);
        }
    }
}
