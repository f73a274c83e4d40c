namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>The connector contract against the real scimmy server, roles in the users' roles attribute.</summary>
public sealed class ScimRolesContractTests(ScimRolesFixture peer) : SuspendContractTests<ScimRolesFixture>(peer), IClassFixture<ScimRolesFixture>;

/// <summary>The connector contract against the real scimmy server, roles as membership of SCIM groups named after them, /Bulk on.</summary>
public sealed class ScimGroupsContractTests(ScimGroupsFixture peer) : SuspendContractTests<ScimGroupsFixture>(peer), IClassFixture<ScimGroupsFixture>;

/// <summary>The same with /Bulk switched off in the app: role group moves take a second write.</summary>
public sealed class ScimGroupsWithoutBulkContractTests(ScimGroupsWithoutBulkFixture peer)
    : SuspendContractTests<ScimGroupsWithoutBulkFixture>(peer), IClassFixture<ScimGroupsWithoutBulkFixture>;
