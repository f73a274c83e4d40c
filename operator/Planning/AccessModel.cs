using System.Collections.Concurrent;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Planning;

/// <summary>
/// One immutable snapshot of the world the planner reads: the declared index, the identity index, and the teams
/// resolved from them at <see cref="Now"/> (staleness is judged against it). Nothing changes a snapshot: an identity
/// change gives the next one through <see cref="Apply"/>, which shares everything the change did not touch, so any
/// number of threads may plan from a snapshot while the next is made. Pure: no I/O, no clock.
/// </summary>
public sealed class AccessModel
{
    private readonly LayeredMap<string, TeamView> _teams;
    private ConcurrentDictionary<string, IReadOnlyDictionary<GrantOrigin, List<string>>>? _grantedByHub;

    private AccessModel(DeclaredIndex declared, IdentityIndex identity, LayeredMap<string, TeamView> teams, DateTimeOffset now,
        ConcurrentDictionary<string, IReadOnlyDictionary<GrantOrigin, List<string>>>? grantedByHub)
    {
        (Declared, Identity, _teams, Now, _grantedByHub) = (declared, identity, teams, now, grantedByHub);
    }

    /// <summary>The declared resources, indexed.</summary>
    public DeclaredIndex Declared { get; }

    /// <summary>The moment staleness is judged against.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Validation problems of the declared state (also reflected as uncertainty on the hubs they touch).</summary>
    public IReadOnlyList<ValidationProblem> Problems => Declared.Problems;

    /// <summary>The hubs that can be planned, by namespace/name.</summary>
    public IReadOnlyDictionary<string, HubModel> Hubs => Declared.Hubs;

    internal IdentityIndex Identity { get; }

    /// <summary>Indexes the declared state and the identity snapshot.</summary>
    /// <param name="now">The moment staleness is judged against.</param>
    public static AccessModel Build(DeclaredState declared, IdentitySnapshot identity, DateTimeOffset now) =>
        Build(DeclaredIndex.Build(declared, now), identity, now);

    /// <summary>A snapshot of an already built declared index and an identity snapshot.</summary>
    public static AccessModel Build(DeclaredIndex declared, IdentitySnapshot identity, DateTimeOffset now)
    {
        var identityIndex = IdentityIndex.Build(identity);
        var teams = new Dictionary<string, TeamView>(StringComparer.Ordinal);
        foreach (var team in declared.BindingsByTeam.Keys)
        {
            teams[team] = TeamResolution.Resolve(declared, identityIndex, now, team);
        }

        return new AccessModel(declared, identityIndex, LayeredMap<string, TeamView>.Over(teams, StringComparer.Ordinal), now, null);
    }

    /// <summary>The hubs fed by a team (namespace/team), for incremental planning after a membership change.</summary>
    public IReadOnlyList<string> HubsUsingTeam(string teamKey) => Declared.HubsUsingTeam(teamKey);

    /// <summary>
    /// The next snapshot, with an IdP change applied (its users, then its groups), and the hubs whose desired access may
    /// have changed, so only those are planned again. This snapshot stays as it is. App assignments have no incremental
    /// path: a change that says they changed names their hubs, and the caller builds a new snapshot for them.
    /// </summary>
    public (AccessModel Model, IReadOnlyCollection<string> Hubs) Apply(IdentityChange change)
    {
        var teamsToResolve = AffectedHubs.Teams(Declared, Identity, change);
        var hubs = AffectedHubs.Of(Declared, Identity, change, teamsToResolve);
        var identity = Identity.With(change);
        var teams = teamsToResolve.Count == 0
            ? _teams
            : _teams.SetItems(teamsToResolve.Select(team => KeyValuePair.Create(team, TeamResolution.Resolve(Declared, identity, Now, team))));
        ConcurrentDictionary<string, IReadOnlyDictionary<GrantOrigin, List<string>>>? granted = null;
        if (Volatile.Read(ref _grantedByHub) is { IsEmpty: false } computed)
        {
            granted = new ConcurrentDictionary<string, IReadOnlyDictionary<GrantOrigin, List<string>>>(computed.Where(kv => !hubs.Contains(kv.Key)), StringComparer.Ordinal);
        }

        return (new AccessModel(Declared, identity, teams, Now, granted), hubs);
    }

    /// <summary>Who should have access to the hub, with the grants that justify each member, after the denies of due AccessReviews.</summary>
    public DesiredAccess Desired(string hubKey) => ReviewDenies.Apply(Granted(hubKey), ReviewDenies.For(hubKey, Declared.Reviews, Now));

    /// <summary>Who the shares and app assignments grant access to the hub, before any AccessReview deny (what a review lists).</summary>
    public DesiredAccess Granted(string hubKey) => DesiredAccessBuilder.Build(this, hubKey);

    /// <summary>The next moment the desired access changes by itself (a share expires, a review falls due); null when none is ahead.</summary>
    public DateTimeOffset? NextChangeAt => Declared.NextChangeAt;

    /// <summary>The next moment the hub's desired access changes by itself.</summary>
    public DateTimeOffset? NextChangeOf(string hubKey) => Declared.NextChangeOf(hubKey);

    /// <summary>
    /// The keys of the users a share grants access to on its hub. Computed once per hub and snapshot for all its shares,
    /// so asking for every share of a hub costs one desired-access pass, not one per share.
    /// </summary>
    public IReadOnlyList<string> GrantedUsers(string hubKey, string shareKey)
    {
        if (!Hubs.ContainsKey(hubKey))
        {
            return [];
        }

        var cache = LazyInitializer.EnsureInitialized(ref _grantedByHub, () => new(StringComparer.Ordinal));
        var byOrigin = cache.GetOrAdd(hubKey, key =>
        {
            var lists = new Dictionary<GrantOrigin, List<string>>();
            foreach (var member in Desired(key).Members.Values)
            {
                foreach (var origin in member.Grants.Select(g => g.Origin).Distinct())
                {
                    if (!lists.TryGetValue(origin, out var list))
                    {
                        lists[origin] = list = [];
                    }

                    list.Add(member.Key);
                }
            }

            return lists;
        });
        return byOrigin.GetValueOrDefault(GrantOrigin.Share(shareKey)) ?? [];
    }

    /// <summary>A team's members as this snapshot resolves them.</summary>
    internal TeamView Team(string team) => _teams.GetValueOrDefault(team) ?? TeamResolution.Unbound(team);
}
