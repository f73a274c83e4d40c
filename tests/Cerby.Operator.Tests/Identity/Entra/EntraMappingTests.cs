using System.Text.Json;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Graph.Models;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>Mapping Graph objects to the planner's, without a server.</summary>
public sealed class EntraMappingTests
{
    [Theory]
    [InlineData(true, UserLifecycle.Active)]
    [InlineData(false, UserLifecycle.Deactivated)]
    [InlineData(null, UserLifecycle.Suspended)]
    public void Account_enabled_decides_the_lifecycle(bool? enabled, UserLifecycle expected) =>
        Assert.Equal(expected, EntraUserMapping.Lifecycle(enabled));

    [Fact]
    public void Members_delta_is_parsed_from_json_too_and_removals_are_marked()
    {
        var json = JsonDocument.Parse("""
            [{"@odata.type":"#microsoft.graph.user","id":"u1"},
             {"@odata.type":"#microsoft.graph.group","id":"g1"},
             {"@odata.type":"#microsoft.graph.user","id":"u2","@removed":{"reason":"deleted"}}]
            """).RootElement;

        var changes = EntraMemberChange.Parse(new Dictionary<string, object> { ["members@delta"] = json });

        Assert.Equal([new EntraMemberChange("u1", true, false), new EntraMemberChange("g1", false, false), new EntraMemberChange("u2", true, true)], changes);
        Assert.Empty(EntraMemberChange.Parse(new Dictionary<string, object>()));
    }

    [Fact]
    public void App_role_values_go_into_the_assignment_profile_and_service_principals_are_skipped()
    {
        var admin = Guid.NewGuid();
        var user = Guid.NewGuid();
        var group = Guid.NewGuid();
        var assignments = EntraAssignments.From(
        [
            new AppRoleAssignment { PrincipalId = user, PrincipalType = "User", AppRoleId = admin },
            new AppRoleAssignment { PrincipalId = group, PrincipalType = "Group", AppRoleId = Guid.Empty },
            new AppRoleAssignment { PrincipalId = Guid.NewGuid(), PrincipalType = "ServicePrincipal", AppRoleId = Guid.Empty },
        ], new Dictionary<Guid, string> { [admin] = "Admin" });

        Assert.Equal(2, assignments.Count);
        Assert.Equal("Admin", assignments[0].Profile["role"]);
        Assert.Equal(user.ToString(), assignments[0].UserId);
        Assert.Equal(group.ToString(), assignments[1].GroupId);
        Assert.Empty(assignments[1].Profile);
        Assert.True(EntraAssignments.Same(assignments, assignments.Reverse().ToList()));
    }

    [Fact]
    public async Task A_source_is_built_from_the_identity_provider_and_its_secret()
    {
        await using var entra = await EntraFixture.StartAsync();
        entra.Tenant.CreateUser("alice@example.com");
        var provider = new Cerby.Operator.Resources.IdentityProvider
        {
            Metadata = new() { Name = "entra", NamespaceProperty = "marketing" },
            Spec = new IdentityProviderSpec { Type = IdentityProviderType.Entra, Entra = entra.Settings, CredentialsSecretRef = new() { Name = "entra" } },
        };
        var secret = new Dictionary<string, byte[]> { ["clientSecret"] = System.Text.Encoding.UTF8.GetBytes(entra.Emulator.ClientSecret) };

        await using var source = EntraIdentitySource.FromResource(provider, secret, TimeProvider.System, entra.Log);
        var read = await source.ReadAsync([], CancellationToken.None);

        Assert.Equal("marketing/entra", read.Directory.Name);
        Assert.Equal("alice@example.com", Assert.Single(read.Directory.Users.Values).Email);
        Assert.Equal("https://graph.microsoft.com/v1.0", new EntraSettings().GraphBaseUrl);
        Assert.Equal("https://login.microsoftonline.com", new EntraSettings().AuthorityHost);
    }

    [Theory]
    [InlineData("user.employeeType != \"contractor\"", "alice@example.com")]
    [InlineData("user.department == \"Marketing\" && user.title == \"Analyst\"", "bob@example.com")]
    public async Task A_scope_on_employee_type_department_and_title_works_on_users_read_from_Graph(string expression, string included)
    {
        await using var entra = await EntraFixture.StartAsync();
        entra.Tenant.CreateUser("alice@example.com", true, ("employeeType", "Employee"), ("department", "Sales"), ("jobTitle", "Manager"));
        entra.Tenant.CreateUser("bob@example.com", true, ("employeeType", "contractor"), ("department", "Marketing"), ("jobTitle", "Analyst"));
        var provider = new Cerby.Operator.Resources.IdentityProvider
        {
            Metadata = new() { Name = "entra", NamespaceProperty = "marketing" },
            Spec = new IdentityProviderSpec { Type = IdentityProviderType.Entra, Entra = entra.Settings, CredentialsSecretRef = new() { Name = "entra" } },
        };
        var secret = new Dictionary<string, byte[]> { ["clientSecret"] = System.Text.Encoding.UTF8.GetBytes(entra.Emulator.ClientSecret) };
        await using var source = EntraIdentitySource.FromResource(provider, secret, TimeProvider.System, entra.Log);
        var read = await source.ReadAsync([], CancellationToken.None);

        var scope = ShareScope.Compile(expression, out var error) ?? throw new InvalidOperationException(error);
        var verdicts = read.Directory.Users.Values.OrderBy(u => u.Email, StringComparer.Ordinal).ToDictionary(u => u.Email, scope.Evaluate);

        Assert.Equal(2, verdicts.Count);
        Assert.All(verdicts, kv => Assert.Equal(kv.Key == included ? ScopeVerdict.Included : ScopeVerdict.Excluded, kv.Value));
    }
}
