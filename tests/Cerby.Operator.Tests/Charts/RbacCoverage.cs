using System.Collections.Concurrent;
using Cerby.KubeApiServer;
using YamlDotNet.RepresentationModel;

namespace Cerby.Operator.Tests.Charts;

/// <summary>
/// Checks that the chart's RBAC allows every request the operator made: feed it the test API server's <c>Requests</c>
/// (taken while only the operator talked to it) and it returns the
/// requests no rule of the rendered chart allows, as a real API server would answer them with 403 Forbidden.
/// </summary>
/// <remarks>
/// A request is allowed when a rule of a Role or ClusterRole bound to the operator's ServiceAccount (the Deployment's
/// <c>serviceAccountName</c>) matches its verb, API group and resource (<c>resource/subresource</c> for subresources) and,
/// when the rule names resources, its name. A ClusterRole bound by a ClusterRoleBinding applies everywhere, including to
/// cluster-wide list and watch (no namespace); a RoleBinding grants its rules in its own namespace only. Wildcards are
/// understood so that a hand-edited role is judged correctly, though the chart uses none.
/// </remarks>
public static class RbacCoverage
{
    /// <summary>The release namespace <see cref="Uncovered(IEnumerable{RecordedRequest})"/> renders into: the test servers' <c>default</c>, where the operator's tests keep their Lease.</summary>
    public const string DefaultReleaseNamespace = "default";

    private static readonly ConcurrentDictionary<string, IReadOnlyList<RbacGrant>> RenderedGrants = new(StringComparer.Ordinal);

    /// <summary>
    /// Renders the chart (<c>helm template</c>, release namespace <see cref="DefaultReleaseNamespace"/>, default values) and
    /// returns the requests its RBAC does not allow, in their recorded order, without repeats.
    /// </summary>
    public static IReadOnlyList<RecordedRequest> Uncovered(IEnumerable<RecordedRequest> requests) =>
        Uncovered(requests, DefaultReleaseNamespace);

    /// <summary>As <see cref="Uncovered(IEnumerable{RecordedRequest})"/>, with the release namespace and <c>--set</c> values
    /// given, e.g. <c>"watchNamespaces={team-a,team-b}"</c>.</summary>
    public static IReadOnlyList<RecordedRequest> Uncovered(IEnumerable<RecordedRequest> requests, string releaseNamespace, params string[] setValues) =>
        Uncovered(requests, RenderedGrants.GetOrAdd(
            string.Join('\n', [releaseNamespace, .. setValues]),
            _ => Grants(Helm.Template(releaseNamespace, setValues).Succeeded())));

    /// <summary>The requests none of <paramref name="grants"/> allows.</summary>
    public static IReadOnlyList<RecordedRequest> Uncovered(IEnumerable<RecordedRequest> requests, IReadOnlyList<RbacGrant> grants) =>
        [.. requests
            .Where(request => !grants.Any(grant => grant.Allows(request)))
            .Select(request => request with { Name = null, UserAgent = null })
            .Distinct()];

    /// <summary>
    /// The rules granted to the operator's ServiceAccount by rendered manifests (<c>helm template</c> output): every rule of
    /// every Role and ClusterRole bound to it, with the namespace the binding grants it in (null: cluster-wide).
    /// </summary>
    public static IReadOnlyList<RbacGrant> Grants(string renderedYaml)
    {
        var manifests = RenderedManifests.Parse(renderedYaml);
        var deployment = manifests.OfKind("Deployment").SingleOrDefault()
            ?? throw new InvalidOperationException("the rendered chart has no Deployment, so no ServiceAccount to check");
        var podSpec = RenderedDocument.Child(RenderedDocument.Child(RenderedDocument.Child(deployment.Root, "spec"), "template"), "spec");
        var serviceAccount = RenderedDocument.Scalar(podSpec, "serviceAccountName") ?? "default";
        var serviceAccountNamespace = deployment.Namespace ?? "default";

        var grants = new List<RbacGrant>();
        foreach (var binding in manifests.Documents.Where(document => document.Kind is "RoleBinding" or "ClusterRoleBinding"))
        {
            var bindsOperator = RenderedDocument.Child(binding.Root, "subjects") is YamlSequenceNode subjects && subjects.Children.Any(subject =>
                RenderedDocument.Scalar(subject, "kind") == "ServiceAccount"
                && RenderedDocument.Scalar(subject, "name") == serviceAccount
                && (RenderedDocument.Scalar(subject, "namespace") ?? binding.Namespace) == serviceAccountNamespace);
            if (!bindsOperator)
            {
                continue;
            }

            var roleRef = RenderedDocument.Child(binding.Root, "roleRef");
            var roleKind = RenderedDocument.Scalar(roleRef, "kind");
            var roleName = RenderedDocument.Scalar(roleRef, "name");
            var role = manifests.Documents.SingleOrDefault(document =>
                document.Kind == roleKind && document.Name == roleName && (roleKind == "ClusterRole" || document.Namespace == binding.Namespace));
            if (role is null)
            {
                continue;
            }

            var scope = binding.Kind == "ClusterRoleBinding" ? null : binding.Namespace ?? "default";
            var source = $"{role.Kind} {(role.Namespace is null ? "" : role.Namespace + "/")}{role.Name}";
            if (RenderedDocument.Child(role.Root, "rules") is YamlSequenceNode rules)
            {
                grants.AddRange(rules.Children.Select(rule => new RbacGrant(scope, new RbacRule(
                    RenderedDocument.Strings(rule, "apiGroups"), RenderedDocument.Strings(rule, "resources"),
                    RenderedDocument.Strings(rule, "verbs"), RenderedDocument.Strings(rule, "resourceNames")), source)));
            }
        }

        return grants;
    }

    /// <summary>One line per request, as a 403 would name it: <c>update access.cerby.io teamshares/status in default</c>.</summary>
    public static string Describe(IEnumerable<RecordedRequest> requests) =>
        string.Join('\n', requests.Select(request =>
            $"{request.Verb} {(request.Group.Length == 0 ? "core" : request.Group)} {RbacRule.ResourceOf(request)}"
            + (request.Namespace is null ? " (all namespaces)" : $" in {request.Namespace}")));
}

/// <summary>A rule of a Role or ClusterRole, as RBAC reads it.</summary>
public sealed record RbacRule(IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs, IReadOnlyList<string> ResourceNames)
{
    /// <summary><c>resource</c>, or <c>resource/subresource</c>: the name RBAC rules use.</summary>
    public static string ResourceOf(RecordedRequest request) =>
        string.IsNullOrEmpty(request.Subresource) ? request.Resource : $"{request.Resource}/{request.Subresource}";

    public bool Matches(RecordedRequest request)
    {
        var resource = ResourceOf(request);
        return (ApiGroups.Contains("*") || ApiGroups.Contains(request.Group))
            && (Verbs.Contains("*") || Verbs.Contains(request.Verb))
            && (Resources.Contains("*") || Resources.Contains(resource)
                || (!string.IsNullOrEmpty(request.Subresource) && Resources.Contains($"*/{request.Subresource}")))
            && (ResourceNames.Count == 0 || (request.Name is { } name && ResourceNames.Contains(name)));
    }
}

/// <summary>A rule granted to the operator, in one namespace or (null) cluster-wide; <paramref name="Source"/> names its role.</summary>
public sealed record RbacGrant(string? Namespace, RbacRule Rule, string Source)
{
    public bool Allows(RecordedRequest request) =>
        (Namespace is null || request.Namespace == Namespace) && Rule.Matches(request);
}
