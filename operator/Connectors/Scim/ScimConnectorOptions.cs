using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>How a SCIM connector reads and writes one hub's app.</summary>
/// <param name="Hub">The hub key, copied into <see cref="Planning.ActualAccess.Hub"/>.</param>
/// <param name="RoleMapping">
/// Roles: the native role is the user's <c>roles</c> value (primary, else first) and is written as
/// <c>roles = [{value, primary: true}]</c>. Groups: the native role is the SCIM group whose displayName is that role.
/// </param>
/// <param name="NativeRolesByRank">
/// The hub's native roles, most privileged first. In groups mode only groups with these names count (an app's other
/// groups are ignored) and a user in several of them holds the highest-ranked one.
/// </param>
/// <param name="AttributePaths">
/// The app attributes the hub maps (the <c>appAttribute</c> of attribute mappings), each a simple string attribute:
/// a top-level core attribute such as <c>title</c> or <c>displayName</c>, or an extension attribute by its full URN
/// path such as <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department</c>. Only these are read into
/// <see cref="Planning.ActualMember.Attributes"/>.
/// </param>
/// <param name="PageSize">
/// The <c>count</c> asked for per page; null (the default) asks for what the app's /ServiceProviderConfig advertises as
/// filter.maxResults (see <see cref="ScimCapabilities.PageSize"/>). The app may answer fewer; filter.maxResults caps it.
/// </param>
/// <param name="Retry">Retries for 429/5xx/timeouts; <see cref="EdgePolicy.Default"/> when null.</param>
internal sealed record ScimConnectorOptions(
    string Hub,
    ScimRoleMapping RoleMapping,
    IReadOnlyList<string> NativeRolesByRank,
    IReadOnlyList<string> AttributePaths,
    int? PageSize = null,
    EdgePolicy? Retry = null);
