using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// Every path that grants one user access to one hub (team shares through the IdP groups bound to the team,
/// individual shares, app assignments direct or through a group), what they add up to, and for each path and each IdP
/// group what the user's access would become without it.
/// </summary>
internal static class ExplainBuilder
{
    public static ExplainReport Build(PlanInputs inputs, AccessComputation access, string hubKey, string email)
    {
        var hub = inputs.HubOf(hubKey)!;
        var model = access.Hub(hubKey);
        var key = UserKey.Of(email);
        var desired = access.Desired(hubKey);
        var member = desired.Members.GetValueOrDefault(key);
        var grants = member is null ? [] : member.Grants.OrderBy(g => model.Role(g.Role)?.Rank ?? int.MaxValue).ThenBy(g => g.Origin.ToString(), StringComparer.Ordinal).ToList();
        var entitled = Entitled.Of(model, grants);
        var whatIf = new WhatIfRemoval(inputs, model, hubKey, key, entitled);
        var plan = Changes(inputs, access, hub, hubKey, key);

        var groups = new Dictionary<(string Idp, string Group), ExplainGroup>();
        var paths = Paths(inputs, key, email, grants, whatIf, groups);
        var (excluded, expired, denied) = ExplainExclusions.Of(inputs, hubKey, key);

        return new ExplainReport(
            hubKey,
            System.Text.Json.JsonSerializer.Serialize(hub.Spec.Connector.Type).Trim('"'),
            email,
            entitled.Role is { } role ? new ExplainEntitlement(role.Name, role.NativeRole, entitled.Assets) : null,
            InApp(inputs, model, hubKey, key),
            paths,
            [.. groups.Values],
            [.. Notes(inputs, desired, hubKey, key, email, member, denied is not null), .. plan.Held],
            plan.Changes,
            excluded,
            expired,
            denied);
    }

    /// <summary>
    /// The paths of the grants (strongest first), with what removing each would do when <paramref name="whatIf"/> is
    /// given, and the IdP groups they go through (with the same question) added to <paramref name="groups"/>.
    /// </summary>
    public static List<ExplainPath> Paths(PlanInputs inputs, string key, string email, IEnumerable<Grant> grants, WhatIfRemoval? whatIf, Dictionary<(string Idp, string Group), ExplainGroup>? groups)
    {
        var paths = new List<ExplainPath>();
        foreach (var grant in grants)
        {
            var assets = grant.Assets.Select(a => $"{new AssetRef(a.Kind, a.Id)} ({a.Role})").ToList();
            if (GrantOrigins.ShareKey(grant) is { } shareKey)
            {
                if (grant.Source == GrantSource.Individual)
                {
                    paths.Add(new ExplainPath("individualShare", grant.Role, assets, $"TeamShare {shareKey}", null, null, null, null,
                        $"TeamShare {shareKey} → user {email}", whatIf?.WithoutShare(shareKey)));
                    continue;
                }

                var teamKey = $"{ResourceKeys.NamespaceOfKey(shareKey)}/{grant.Via}";
                var chains = TeamChains(inputs, teamKey, key).ToList();
                var removal = chains.Count > 1 ? null : whatIf?.WithoutShare(shareKey);
                foreach (var chain in chains.DefaultIfEmpty())
                {
                    var through = chain is null ? "" : $" ← group {chain.Group.DisplayName} ({chain.Group.Id}) in IdentityProvider {chain.IdpKey} (IdpGroupBinding {chain.BindingKey})";
                    var others = chains.Where(c => c != chain).Select(c => $"still in team {grant.Via} through group {c.Group.DisplayName}");
                    paths.Add(new ExplainPath("teamShare", grant.Role, assets, $"TeamShare {shareKey}", grant.Via, chain?.Group.DisplayName, chain?.BindingKey, chain?.IdpKey,
                        $"TeamShare {shareKey} → team {grant.Via}{through}", removal ?? whatIf?.Kept(string.Join("; ", others))));
                    if (chain is not null && whatIf is not null && groups is not null)
                    {
                        AddGroup(groups, chain.IdpKey, chain.Group, whatIf);
                    }
                }
            }
            else if (GrantOrigins.IdentityProviderKey(grant) is { } idpKey && inputs.Identity.Directories.TryGetValue(idpKey, out var directory))
            {
                var group = grant.Via is null ? null : directory.Groups.Values.FirstOrDefault(g => g.DisplayName == grant.Via);
                var through = grant.Via is null ? $" → user {email} (direct)" : $" → group {grant.Via}{(group is null ? "" : $" ({group.Id})")}";
                paths.Add(new ExplainPath("appAssignment", grant.Role, assets, grant.Origin.ToString(), null, grant.Via, null, idpKey,
                    grant.Origin + through, whatIf?.WithoutAssignment(idpKey, grant.Via)));
                if (group is not null && whatIf is not null && groups is not null)
                {
                    AddGroup(groups, idpKey, group, whatIf);
                }
            }
        }

        return paths;
    }

    /// <summary>The IdP groups bound to the team that hold the user: one chain each.</summary>
    internal static IEnumerable<TeamChain> TeamChains(PlanInputs inputs, string teamKey, string userKey)
    {
        foreach (var binding in inputs.Declared.Bindings.Where(b => ResourceKeys.Sibling(b.Metadata, b.Spec.Team) == teamKey))
        {
            var idpKey = ResourceKeys.Sibling(binding.Metadata, binding.Spec.IdentityProviderRef.Name);
            if (!inputs.Identity.Directories.TryGetValue(idpKey, out var directory))
            {
                continue;
            }

            var spec = binding.Spec.Group;
            var group = spec.Id is { Length: > 0 } id
                ? directory.Groups.GetValueOrDefault(id)
                : directory.Groups.Values.Where(g => g.DisplayName == spec.DisplayName).Take(2).ToList() is [var only] ? only : null;
            var userIds = directory.Users.Values.Where(u => u.Key == userKey).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
            if (group is not null && group.MemberIds.Any(userIds.Contains))
            {
                yield return new TeamChain(idpKey, group, ResourceKeys.Of(binding.Metadata));
            }
        }
    }

    private static void AddGroup(Dictionary<(string, string), ExplainGroup> groups, string idpKey, IdpGroup group, WhatIfRemoval whatIf)
    {
        if (!groups.ContainsKey((idpKey, group.Id)))
        {
            groups[(idpKey, group.Id)] = new ExplainGroup(group.DisplayName, group.Id, idpKey, whatIf.WithoutGroupMembership(idpKey, group.Id));
        }
    }

    private static ExplainAppMember? InApp(PlanInputs inputs, HubModel model, string hubKey, string key)
    {
        if (!inputs.Apps.TryGetValue(hubKey, out var app) || !app.Members.TryGetValue(key, out var member))
        {
            return null;
        }

        DateTimeOffset? since = inputs.Since.TryGetValue(hubKey, out var known) && known.TryGetValue(key, out var at) ? at : null;
        return new ExplainAppMember(model.RoleForNative(member.NativeRole)?.Name, member.NativeRole, member.State.ToString().ToLowerInvariant(), member.Managed,
            member.Assets.OrderBy(a => a.ToString(), StringComparer.Ordinal).ToDictionary(a => new AssetRef(a.Kind, a.Id).ToString(), a => (IReadOnlyList<string>)[.. a.Tasks.Order(StringComparer.Ordinal)], StringComparer.Ordinal),
            since);
    }

    private static List<string> Notes(PlanInputs inputs, DesiredAccess desired, string hubKey, string key, string email, DesiredMember? member, bool denied)
    {
        var notes = new List<string>();
        if (inputs.Unknown.TryGetValue(hubKey, out var why))
        {
            notes.Add($"the hub is unknown: {why}");
        }
        else if (!inputs.Apps.ContainsKey(hubKey))
        {
            notes.Add("the app's members were not given (no AppSnapshot): what the app has is unknown");
        }

        if (desired.Inactive.TryGetValue(key, out var inactive))
        {
            if (!(denied && inactive.StartsWith("revoked in AccessReview ", StringComparison.Ordinal)))
            {
                notes.Add(inactive); // a review's deny has its own line
            }
        }
        else if (member is null && !inputs.Identity.Directories.Values.Any(d => d.Users.Values.Any(u => u.Key == key)))
        {
            notes.Add($"{email} is not a user of any IdentityProvider read");
        }

        notes.AddRange(desired.Protecting(key).Select(u => $"unknown, so nothing narrows this user's access: {u.Reason}"));
        return notes;
    }

    /// <summary>The plan's changes for the user, and notes for those the guard holds or uncertainty withholds.</summary>
    private static (List<ChangeReport> Changes, List<string> Held) Changes(PlanInputs inputs, AccessComputation access, BusinessHub hub, string hubKey, string key)
    {
        if (inputs.Unknown.ContainsKey(hubKey))
        {
            return ([], []);
        }

        var plan = access.Plan(hub, hubKey, inputs.Apps.GetValueOrDefault(hubKey) ?? new ActualAccess(hubKey, new Dictionary<string, ActualMember>()));
        var held = plan.HeldRemovals.Where(c => c.UserKey == key).Select(c => $"held by the removal guard until approved: {c.Kind} ({plan.HoldReason})")
            .Concat(plan.Withheld.Where(c => c.UserKey == key).Select(c => $"withheld while membership is unknown: {c.Kind} ({plan.WithheldReason})"));
        return ([.. plan.Changes.Where(c => c.UserKey == key).Select(ChangeReport.Of)], [.. held]);
    }

    internal sealed record TeamChain(string IdpKey, IdpGroup Group, string BindingKey);
}
