using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Planning;

/// <summary>
/// The declared resources, validated and indexed for planning: hubs, their shares and app integrations, and which
/// hubs a team or a user subject feeds. Built once per declared change and never changed after, so any thread may read it.
/// Time enters once, at build: a share past its expiry is left out as if deleted, and <see cref="NextChangeAt"/> says when
/// the index must be built again (the next share expiry or review due date).
/// </summary>
public sealed class DeclaredIndex
{
    private static readonly IReadOnlyList<string> NoHubs = [];
    private readonly Dictionary<string, HubModel> _hubs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _hubsByTeam = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _hubsByUserSubject = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Idp, string Group), List<string>> _teamsByGroupId = [];
    private readonly Dictionary<(string Idp, string Name), List<string>> _teamsByGroupName = [];
    private readonly Dictionary<string, List<ShareEntry>> _sharesByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InvalidShare>> _invalidByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ShareEntry>> _expiredByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AppIntegrationEntry>> _integrationsByHub = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TeamBinding>> _bindingsByTeam = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdentityProvider> _idps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _staleAfter = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextChangeByHub = new(StringComparer.Ordinal);

    private DeclaredIndex()
    {
    }

    /// <summary>Validation problems of the declared state (also reflected as uncertainty on the hubs they touch).</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; private set; } = [];

    /// <summary>The hubs that can be planned, by namespace/name.</summary>
    public IReadOnlyDictionary<string, HubModel> Hubs => _hubs;

    /// <summary>The AccessReviews, due or not (a due one denies what its decisions revoke).</summary>
    public IReadOnlyList<AccessReview> Reviews { get; private set; } = [];

    /// <summary>
    /// The next moment the desired access changes by itself (a share expires, a review falls due); null when none is
    /// ahead. The index judged expiry at its build, so it must be built again from then on.
    /// </summary>
    public DateTimeOffset? NextChangeAt { get; private set; }

    /// <summary>The next moment the hub's desired access changes by itself (a share of it expires, a review of it falls due).</summary>
    public DateTimeOffset? NextChangeOf(string hubKey) => _nextChangeByHub.TryGetValue(hubKey, out var at) ? at : null;

    /// <summary>Every team with at least one binding, and its bindings.</summary>
    internal IReadOnlyDictionary<string, List<TeamBinding>> BindingsByTeam => _bindingsByTeam;

    /// <summary>Validates and indexes the declared state as it stands at <paramref name="now"/> (shares expired by then grant nothing).</summary>
    public static DeclaredIndex Build(DeclaredState declared, DateTimeOffset now)
    {
        var index = new DeclaredIndex();
        index.Index(declared, now);
        return index;
    }

    /// <summary>The hubs fed by a team (namespace/team).</summary>
    public IReadOnlyList<string> HubsUsingTeam(string teamKey) => _hubsByTeam.TryGetValue(teamKey, out var hubs) ? hubs : NoHubs;

    /// <summary>The hubs with an individual share naming this subject (an IdP user id, an email or its key).</summary>
    internal IReadOnlyList<string> HubsOfUserSubject(string subject) => _hubsByUserSubject.TryGetValue(subject, out var hubs) ? hubs : NoHubs;

    /// <summary>The hubs an IdentityProvider's app integration feeds.</summary>
    internal IEnumerable<string> HubsOfIntegration(string idpKey) =>
        _integrationsByHub.Where(kv => kv.Value.Any(i => i.IdpKey == idpKey)).Select(kv => kv.Key);

    /// <summary>The teams bound to a group, by its id or by its display name.</summary>
    internal IEnumerable<string> TeamsFedBy(string idpKey, IdpGroup group) =>
        (_teamsByGroupId.GetValueOrDefault((idpKey, group.Id)) ?? [])
            .Concat(_teamsByGroupName.GetValueOrDefault((idpKey, group.DisplayName)) ?? [])
            .Distinct(StringComparer.Ordinal);

    internal IReadOnlyList<TeamBinding> BindingsOf(string team) => _bindingsByTeam.GetValueOrDefault(team) ?? [];

    internal IReadOnlyList<ShareEntry> SharesOf(string hubKey) => _sharesByHub.GetValueOrDefault(hubKey) ?? [];

    internal IReadOnlyList<InvalidShare> InvalidSharesOf(string hubKey) => _invalidByHub.GetValueOrDefault(hubKey) ?? [];

    /// <summary>The valid shares of a hub that have expired: they grant nothing, and only name the access they ended.</summary>
    internal IReadOnlyList<ShareEntry> ExpiredSharesOf(string hubKey) => _expiredByHub.GetValueOrDefault(hubKey) ?? [];

    internal IReadOnlyList<AppIntegrationEntry> IntegrationsOf(string hubKey) => _integrationsByHub.GetValueOrDefault(hubKey) ?? [];

    internal IdentityProvider? Idp(string idpKey) => _idps.GetValueOrDefault(idpKey);

    /// <summary>How long a group read stays Known: the IdP's staleAfter, else three resync intervals (parsed once, at build).</summary>
    internal TimeSpan StaleAfter(string idpKey) => _staleAfter.TryGetValue(idpKey, out var staleAfter) ? staleAfter : TimeSpan.MaxValue;

    private static TimeSpan StaleAfterOf(IdentityProvider idp)
    {
        if (idp.Spec.StaleAfter is { } explicitValue && GoDuration.TryParse(explicitValue, out var value))
        {
            return value;
        }

        return GoDuration.TryParse(idp.Spec.ResyncInterval, out var resync) ? resync * 3 : TimeSpan.FromMinutes(45);
    }

    private void Index(DeclaredState declared, DateTimeOffset now)
    {
        Problems = ResourceValidator.Validate(declared);
        var invalid = Problems.Select(p => (p.Kind, p.Key)).ToHashSet();

        foreach (var hub in declared.Hubs.Where(h => !invalid.Contains((BusinessHub.KindName, ResourceKeys.Of(h.Metadata)))))
        {
            _hubs.TryAdd(ResourceKeys.Of(hub.Metadata), HubModel.From(hub));
        }

        foreach (var idp in declared.IdentityProviders)
        {
            var idpKey = ResourceKeys.Of(idp.Metadata);
            if (_idps.TryAdd(idpKey, idp))
            {
                _staleAfter[idpKey] = StaleAfterOf(idp);
            }
        }

        foreach (var binding in declared.Bindings)
        {
            var team = ResourceKeys.Sibling(binding.Metadata, binding.Spec.Team);
            var idpKey = ResourceKeys.Sibling(binding.Metadata, binding.Spec.IdentityProviderRef.Name);
            Append(_bindingsByTeam, team, new TeamBinding(binding, idpKey));
            if (binding.Spec.Group.Id is { Length: > 0 } groupId)
            {
                Append(_teamsByGroupId, (idpKey, groupId), team);
            }
            else if (binding.Spec.Group.DisplayName is { Length: > 0 } groupName)
            {
                Append(_teamsByGroupName, (idpKey, groupName), team);
            }
        }

        foreach (var share in declared.Shares)
        {
            var isInvalid = invalid.Contains((TeamShare.KindName, ResourceKeys.Of(share.Metadata)));
            if (ShareExpiry.ExpiresAt(share) is { } expiredAt && expiredAt <= now)
            {
                IndexExpired(share, expiredAt, isInvalid); // an expired share is as a deleted one; kept aside only to name it
            }
            else
            {
                IndexShare(share, isInvalid, now);
            }
        }

        IndexReviews(declared.AccessReviews, now);

        foreach (var idp in declared.IdentityProviders)
        {
            if (idp.Spec.AppIntegration is { } app && !invalid.Contains((IdentityProvider.KindName, ResourceKeys.Of(idp.Metadata))))
            {
                var hubKey = ResourceKeys.Sibling(idp.Metadata, app.HubRef.Name);
                Append(_integrationsByHub, hubKey, new AppIntegrationEntry(ResourceKeys.Of(idp.Metadata), app));
            }
        }
    }

    private void IndexShare(TeamShare share, bool isInvalid, DateTimeOffset now)
    {
        var shareKey = ResourceKeys.Of(share.Metadata);
        var hubKey = ResourceKeys.Sibling(share.Metadata, share.Spec.HubRef.Name);
        if (!_hubs.ContainsKey(hubKey))
        {
            return; // no hub, nothing to plan; the validator reports it
        }

        var subject = share.Spec.Subject;
        var ns = ResourceKeys.NamespaceOf(share.Metadata);
        var teamKey = string.IsNullOrEmpty(subject.Team) ? null : ResourceKeys.Sibling(share.Metadata, subject.Team);
        NoteChange(hubKey, ShareExpiry.ExpiresAt(share), now);
        var scope = CompileScope(share, shareKey, ref isInvalid);
        if (isInvalid)
        {
            var why = string.Join("; ", Problems.Where(p => p.Key == shareKey && p.Kind == TeamShare.KindName).Select(p => $"{p.Field}: {p.Message}"));
            var reason = $"TeamShare {shareKey} is invalid ({why}); the access it may grant its users is kept until it is fixed";
            Append(_invalidByHub, hubKey, new InvalidShare(reason, ns, teamKey, string.IsNullOrEmpty(subject.User) ? null : subject.User));
            if (teamKey is not null)
            {
                IndexTeamHub(teamKey, hubKey);
            }

            return;
        }

        var assets = share.Spec.Assets.Select(a => new AssetGrant(a.Kind, a.Id, a.Role ?? share.Spec.Role)).ToList();
        var grant = new Grant(share.Spec.Role, teamKey is null ? GrantSource.Individual : GrantSource.Team, GrantOrigin.Share(shareKey), subject.Team, assets);
        Append(_sharesByHub, hubKey, new ShareEntry(grant, ns, teamKey, subject.User, scope));
        if (teamKey is null && subject.User is { } user)
        {
            Append(_hubsByUserSubject, user, hubKey);
            Append(_hubsByUserSubject, UserKey.Of(user), hubKey);
        }

        if (teamKey is not null)
        {
            IndexTeamHub(teamKey, hubKey);
        }
    }

    /// <summary>An expired valid share, kept aside with its grant so the plan can name it as the reason access ended.</summary>
    private void IndexExpired(TeamShare share, DateTimeOffset expiredAt, bool isInvalid)
    {
        var hubKey = ResourceKeys.Sibling(share.Metadata, share.Spec.HubRef.Name);
        var scope = share.Spec.Scope is { Length: > 0 } expression ? ShareScope.Compile(expression, out _) : null;
        if (isInvalid || !_hubs.ContainsKey(hubKey) || (scope is null && share.Spec.Scope is { Length: > 0 }))
        {
            return;
        }

        var subject = share.Spec.Subject;
        var teamKey = string.IsNullOrEmpty(subject.Team) ? null : ResourceKeys.Sibling(share.Metadata, subject.Team);
        var assets = share.Spec.Assets.Select(a => new AssetGrant(a.Kind, a.Id, a.Role ?? share.Spec.Role)).ToList();
        var grant = new Grant(share.Spec.Role, teamKey is null ? GrantSource.Individual : GrantSource.Team, GrantOrigin.Share(ResourceKeys.Of(share.Metadata)), subject.Team, assets);
        Append(_expiredByHub, hubKey, new ShareEntry(grant, ResourceKeys.NamespaceOf(share.Metadata), teamKey, subject.User, scope, expiredAt));
    }

    /// <summary>A share's compiled scope; a scope that does not compile makes the share invalid (a problem on spec.scope).</summary>
    private ShareScope? CompileScope(TeamShare share, string shareKey, ref bool isInvalid)
    {
        if (share.Spec.Scope is not { Length: > 0 } expression)
        {
            return null;
        }

        var scope = ShareScope.Compile(expression, out var error);
        if (scope is null && !isInvalid)
        {
            Problems = [.. Problems, new ValidationProblem(TeamShare.KindName, shareKey, "spec.scope", error ?? "scope does not compile")];
            isInvalid = true;
        }

        return scope;
    }

    private void IndexReviews(IReadOnlyList<AccessReview> reviews, DateTimeOffset now)
    {
        Reviews = reviews;
        foreach (var review in reviews.Where(r => !ReviewDenies.IsDue(r, now)))
        {
            foreach (var hubKey in _hubs.Keys.Where(h => ReviewDenies.Covers(review, h)))
            {
                NoteChange(hubKey, review.Spec.DueDate, now);
            }
        }
    }

    private void NoteChange(string hubKey, DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } when || when <= now)
        {
            return;
        }

        if (!_nextChangeByHub.TryGetValue(hubKey, out var known) || when < known)
        {
            _nextChangeByHub[hubKey] = when;
        }

        NextChangeAt = NextChangeAt is { } next && next <= when ? next : when;
    }

    private void IndexTeamHub(string teamKey, string hubKey)
    {
        if (!_hubsByTeam.TryGetValue(teamKey, out var hubs))
        {
            _hubsByTeam[teamKey] = hubs = [];
        }

        if (!hubs.Contains(hubKey))
        {
            hubs.Add(hubKey);
        }
    }

    private static void Append<TKey, T>(Dictionary<TKey, List<T>> index, TKey key, T value)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }
}

/// <summary>An IdpGroupBinding of a team, with the key of its IdentityProvider (namespace/name) worked out once.</summary>
internal sealed record TeamBinding(IdpGroupBinding Binding, string IdpKey)
{
    /// <summary>namespace/name of the binding, as reasons name it.</summary>
    public string Key => ResourceKeys.Of(Binding.Metadata);
}

/// <summary>A valid share of a hub: its grant, the team or user it names, and when it expired (only for an expired one).</summary>
internal sealed record ShareEntry(Grant Grant, string Namespace, string? Team, string? User, ShareScope? Scope = null, DateTimeOffset? ExpiredAt = null);

/// <summary>A share the validator rejects: its users keep the access they have.</summary>
internal sealed record InvalidShare(string Reason, string Namespace, string? Team, string? User);

/// <summary>An IdentityProvider's app integration feeding a hub.</summary>
internal sealed record AppIntegrationEntry(string IdpKey, AppIntegration App);
