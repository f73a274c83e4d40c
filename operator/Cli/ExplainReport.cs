namespace Cerby.Operator.Cli;

/// <summary>What <c>explain</c> prints about one user in one hub, the same content for text and -o json.</summary>
/// <param name="Hub">namespace/name of the BusinessHub.</param>
/// <param name="User">The user's email as given.</param>
/// <param name="Entitled">The role and assets every path together grants; null when no path grants anything.</param>
/// <param name="InApp">What the app has for the user now; null when the app has no such member or was not read.</param>
/// <param name="Paths">Every path that grants the user access, strongest role first, each with what removing it would do.</param>
/// <param name="Groups">Every IdP group on those paths, with what removing the user from it would do.</param>
/// <param name="Notes">Why the user has no access (inactive), what is unknown about them, an unreadable app.</param>
/// <param name="Changes">The changes <c>plan</c> would make for this user now.</param>
/// <param name="ExcludedByScope">Shares naming the user (their team or them) whose scope excludes them, or cannot be evaluated for them.</param>
/// <param name="Expired">Expired shares that would still grant the user access.</param>
/// <param name="DeniedByReview">The due AccessReview line that revokes the user in this hub; null when none does.</param>
internal sealed record ExplainReport(
    string Hub,
    string Connector,
    string User,
    ExplainEntitlement? Entitled,
    ExplainAppMember? InApp,
    IReadOnlyList<ExplainPath> Paths,
    IReadOnlyList<ExplainGroup> Groups,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ChangeReport> Changes,
    IReadOnlyList<ExplainScopeExclusion> ExcludedByScope,
    IReadOnlyList<ExplainExpiredShare> Expired,
    ExplainReviewDenial? DeniedByReview);

/// <summary>A share whose spec.scope leaves the user out.</summary>
/// <param name="Verdict">excluded (the scope is false) or unknown (it could not be evaluated: the user's access is kept as it is).</param>
/// <param name="Values">The user's values of the fields the scope names ("employeeType" → "contractor").</param>
/// <param name="Detail">Readable: "excluded by scope of TeamShare ns/a: user.employeeType != "contractor" (employeeType = "contractor")".</param>
internal sealed record ExplainScopeExclusion(string Share, string Scope, string Verdict, IReadOnlyDictionary<string, string> Values, string? Error, string Detail);

/// <summary>An expired share that would still grant the user access.</summary>
internal sealed record ExplainExpiredShare(string Share, string Role, DateTimeOffset ExpiredAt, string Detail);

/// <summary>A due AccessReview line that revokes the user.</summary>
/// <param name="Decision">revoke, or missing (no decision and onMissing revoke).</param>
internal sealed record ExplainReviewDenial(string Review, string LineId, string Decision, string? Reviewer, string? Comment, DateTimeOffset DueDate, string Detail);

/// <summary>A role with its app-native role, and the assets with their tasks ("page/1" → [ADVERTISE, ANALYZE]).</summary>
internal sealed record ExplainEntitlement(string Role, string NativeRole, IReadOnlyDictionary<string, IReadOnlyList<string>> Assets);

/// <summary>The user as the app has them.</summary>
internal sealed record ExplainAppMember(string? Role, string? NativeRole, string State, bool Managed, IReadOnlyDictionary<string, IReadOnlyList<string>> Assets, DateTimeOffset? KnownSince);

/// <summary>One path that grants access.</summary>
/// <param name="Kind">teamShare, individualShare or appAssignment.</param>
/// <param name="Role">The role this path grants.</param>
/// <param name="Assets">The assets it shares, "kind/id (Role)".</param>
/// <param name="GrantedBy">The TeamShare, or the IdentityProvider app integration ("IdentityProvider ns/okta app 0oa1").</param>
/// <param name="Team">The team of a team share.</param>
/// <param name="IdpGroup">The IdP group the user is in that makes them a team member, or whose app assignment includes them.</param>
/// <param name="Binding">The IdpGroupBinding that binds <paramref name="IdpGroup"/> to <paramref name="Team"/>.</param>
/// <param name="IdentityProvider">The IdentityProvider of the group or assignment.</param>
/// <param name="Chain">The whole path, readable: "TeamShare ns/a → team admins ← group Admins (00g1) in IdentityProvider ns/okta (IdpGroupBinding ns/admins)".</param>
/// <param name="IfRemoved">What the user would keep if this path alone were gone (null in <c>report</c>, which does not ask).</param>
internal sealed record ExplainPath(
    string Kind,
    string Role,
    IReadOnlyList<string> Assets,
    string GrantedBy,
    string? Team,
    string? IdpGroup,
    string? Binding,
    string? IdentityProvider,
    string Chain,
    WhatIf? IfRemoved);

/// <summary>An IdP group the user's access flows through.</summary>
internal sealed record ExplainGroup(string Group, string GroupId, string IdentityProvider, WhatIf IfRemoved);

/// <summary>What the user's access would become, desired access recomputed without one path.</summary>
/// <param name="Outcome">keep, lowerRole, narrowAssets or remove.</param>
/// <param name="Role">The role left; null when nothing is.</param>
/// <param name="Detail">Readable: "lower role Admin → Editor (Editor via team editors (TeamShare ns/editors))".</param>
internal sealed record WhatIf(string Outcome, string? Role, string Detail);
