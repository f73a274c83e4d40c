using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Cli;

/// <summary>Every manifest read from the input, by kind, each with the document it came from.</summary>
internal sealed class ManifestSet
{
    public List<Located<BusinessHub>> Hubs { get; } = [];

    public List<Located<TeamShare>> Shares { get; } = [];

    public List<Located<IdpGroupBinding>> Bindings { get; } = [];

    public List<Located<IdentityProvider>> IdentityProviders { get; } = [];

    public List<Located<AccessReview>> Reviews { get; } = [];

    public List<Located<IdentitySnapshotManifest>> IdentitySnapshots { get; } = [];

    public List<Located<AppSnapshotManifest>> AppSnapshots { get; } = [];

    /// <summary>Adds what the decoder produced; call in file order.</summary>
    public void Add(object value, ManifestDocument document)
    {
        switch (value)
        {
            case BusinessHub hub: Hubs.Add(new(hub, document)); break;
            case TeamShare share: Shares.Add(new(share, document)); break;
            case IdpGroupBinding binding: Bindings.Add(new(binding, document)); break;
            case IdentityProvider idp: IdentityProviders.Add(new(idp, document)); break;
            case AccessReview review: Reviews.Add(new(review, document)); break;
            case IdentitySnapshotManifest identity: IdentitySnapshots.Add(new(identity, document)); break;
            case AppSnapshotManifest app: AppSnapshots.Add(new(app, document)); break;
            default: throw new ArgumentException($"{value.GetType().Name} is not a manifest type", nameof(value));
        }
    }

    /// <summary>The custom resources, as the planner takes them.</summary>
    public DeclaredState Declared() => new(
        [.. Hubs.Select(h => h.Value)],
        [.. Shares.Select(s => s.Value)],
        [.. Bindings.Select(b => b.Value)],
        [.. IdentityProviders.Select(i => i.Value)],
        [.. Reviews.Select(r => r.Value)]);

    /// <summary>The documents that declare the custom resource of that kind and namespace/name, in file order.</summary>
    public IReadOnlyList<ManifestDocument> DocumentsOf(string kind, string key) =>
        Resources().Where(r => r.Resource.Kind == kind && ResourceKeys.Of(r.Resource.Metadata) == key).Select(r => r.Document).ToList();

    private IEnumerable<(IKubernetesObject<V1ObjectMeta> Resource, ManifestDocument Document)> Resources() =>
        Hubs.Select(h => ((IKubernetesObject<V1ObjectMeta>)h.Value, h.Document))
            .Concat(Shares.Select(s => ((IKubernetesObject<V1ObjectMeta>)s.Value, s.Document)))
            .Concat(Bindings.Select(b => ((IKubernetesObject<V1ObjectMeta>)b.Value, b.Document)))
            .Concat(IdentityProviders.Select(i => ((IKubernetesObject<V1ObjectMeta>)i.Value, i.Document)));
}
