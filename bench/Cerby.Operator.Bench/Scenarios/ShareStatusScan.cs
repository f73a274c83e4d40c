using System.Diagnostics;
using Cerby.Operator.Controllers.Shares;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using k8s.Models;

namespace Cerby.Operator.Bench.Scenarios;

/// <summary>
/// <c>--shares</c>: what the TeamShare reconciler computes for every share's status (how many users it grants) on one
/// hub with 5,000 single-user shares, as when 5,000 shares become Ready or a hub status write refreshes them all.
/// Before: each share computed the hub's whole desired access and counted its own grants (quadratic). Then:
/// <see cref="AccessModel.GrantedUsers"/> computes them once per hub and model version (linear). Now: the hub's sync
/// counts them from the desired access it computed anyway (<see cref="ShareGrants.Of"/>) and hands them to the shares.
/// </summary>
internal static class ShareStatusScan
{
    public static void Run(TextWriter output, int shares = 5_000)
    {
        var (declared, identity) = World(shares);
        var keys = declared.Shares.Select(s => ResourceKeys.Of(s.Metadata)).ToList();
        var now = DateTimeOffset.UtcNow;

        var watch = Stopwatch.StartNew();
        var model = AccessModel.Build(declared, identity, now);
        var build = watch.Elapsed;
        watch.Restart();
        var total = keys.Sum(k => model.GrantedUsers("bench/hub", k).Count);
        var once = watch.Elapsed;

        model = AccessModel.Build(declared, identity, now);
        var desired = model.Desired("bench/hub"); // the hub's sync has it already
        watch.Restart();
        var fromSync = ShareGrants.Of(desired);
        var hubSync = watch.Elapsed;

        model = AccessModel.Build(declared, identity, now);
        var sample = Math.Min(shares, 500); // the old way, on a sample: all 5,000 would take minutes
        watch.Restart();
        var oldTotal = keys.Take(sample).Sum(k => model.Desired("bench/hub").Members.Values.Count(m => m.Grants.Any(g => g.Origin == GrantOrigin.Share(k))));
        var perShare = watch.Elapsed / sample;

        output.WriteLine($"{shares} single-user shares on one hub, every share's granted users:");
        output.WriteLine($"  AccessModel.Build:      {build.TotalMilliseconds:F0} ms (a declared change marks the model for rebuilding)");
        output.WriteLine($"  once per hub (model):  {once.TotalMilliseconds:F0} ms for all {shares} ({total} grants)");
        output.WriteLine($"  from the hub's sync:    {hubSync.TotalMilliseconds:F0} ms for all {shares} ({fromSync.Values.Sum(u => u.Count)} grants; ShareGrants.Of over the desired access the sync computed, what the share reconciler shows now)");
        output.WriteLine($"  per share (before):     {perShare.TotalMilliseconds:F1} ms per share, so ≈ {(perShare * shares).TotalSeconds:F0} s for all {shares} (measured on {sample}, {oldTotal} grants)");
    }

    private static (DeclaredState, IdentitySnapshot) World(int count)
    {
        static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = "bench" };
        var hub = new BusinessHub
        {
            Metadata = Meta("hub"),
            Spec = new BusinessHubSpec
            {
                Connector = new HubConnector { Type = ConnectorType.Scim, BaseUrl = "https://app.example.test/scim/v2", CredentialsSecretRef = new() { Name = "app" } },
                Roles = [new() { Name = "Member", NativeRole = "member" }],
            },
        };
        var idp = new IdentityProvider
        {
            Metadata = Meta("okta"),
            Spec = new IdentityProviderSpec { Type = IdentityProviderType.Okta, Okta = new OktaSettings { OrgUrl = "https://example.okta.com" }, CredentialsSecretRef = new() { Name = "okta" } },
        };
        var users = Enumerable.Range(0, count).Select(i => new IdpUser($"00u{i:D8}", $"user{i}@example.com", UserLifecycle.Active, new Dictionary<string, string>()))
            .ToDictionary(u => u.Id, StringComparer.Ordinal);
        var shares = Enumerable.Range(0, count).Select(i => new TeamShare
        {
            Metadata = Meta($"user-{i}"),
            Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { User = $"user{i}@example.com" }, Role = "Member" },
        }).ToList();
        var directory = new IdpDirectory("bench/okta", true, users, new Dictionary<string, IdpGroup>(), true, []);
        return (new DeclaredState([hub], shares, [], [idp]), new IdentitySnapshot(new Dictionary<string, IdpDirectory> { ["bench/okta"] = directory }));
    }
}
