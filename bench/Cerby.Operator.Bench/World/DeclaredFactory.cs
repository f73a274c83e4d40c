using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using k8s.Models;

namespace Cerby.Operator.Bench.World;

/// <summary>
/// The declared resources of the world, all in one namespace: one Okta IdentityProvider, one IdpGroupBinding per group
/// (group i feeds team i), hubs with 3–4 ranked roles (some Meta-like with asset tasks and invites), and shares.
/// </summary>
internal static class DeclaredFactory
{
    public const string Namespace = "acme";
    public const string IdpName = "okta";

    private static readonly string[] RoleNames = ["Admin", "Editor", "Analyst", "Viewer"];
    private static readonly string[] ScimNatives = ["admin", "editor", "analyst", "viewer"];
    private static readonly string[] MetaNatives = ["ADMIN", "EDITOR", "ANALYST", "EMPLOYEE"];
    private static readonly string[][] MetaTasks =
    [
        ["MANAGE", "CREATE_CONTENT", "MODERATE", "ADVERTISE", "ANALYZE"],
        ["CREATE_CONTENT", "MODERATE", "ANALYZE"],
        ["ANALYZE"],
        [],
    ];

    /// <summary>Chance of a share's role by rank (Admin is rare, Analyst common), clamped to the hub's role count.</summary>
    private static readonly double[] RoleWeights = [0.10, 0.30, 0.40, 0.20];

    private static readonly AssetKind[] AssetKinds = [AssetKind.Page, AssetKind.AdAccount, AssetKind.InstagramAccount];
    private const int AssetsPerHub = 6;

    public static string TeamName(int group) => $"team-{group:D4}";

    public static DeclaredState Create(WorldShape shape, Random random)
    {
        var hubs = Enumerable.Range(0, shape.Hubs).Select(i => Hub(i, random.NextDouble() < shape.AssetHubRatio, random)).ToList();
        var bindings = Enumerable.Range(0, shape.Groups).Select(Binding).ToList();
        var shares = Enumerable.Range(0, shape.Shares).Select(i => Share(i, hubs, shape, random)).ToList();
        return new DeclaredState(hubs, shares, bindings, [IdentityProvider()]);
    }

    private static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = Namespace };

    private static IdentityProvider IdentityProvider() => new()
    {
        Metadata = Meta(IdpName),
        Spec = new IdentityProviderSpec
        {
            Type = IdentityProviderType.Okta,
            Okta = new OktaSettings { OrgUrl = "https://acme.okta.com" },
            CredentialsSecretRef = new SecretReference { Name = "okta-token" },
            ResyncInterval = "15m",
        },
    };

    private static IdpGroupBinding Binding(int group) => new()
    {
        Metadata = Meta($"group-{group:D4}"),
        Spec = new IdpGroupBindingSpec
        {
            IdentityProviderRef = new LocalObjectReference { Name = IdpName },
            Group = new IdpGroupReference { Id = IdentityFactory.GroupId(group) },
            Team = TeamName(group),
        },
    };

    private static BusinessHub Hub(int index, bool meta, Random random)
    {
        var roleCount = random.Next(3, 5);
        var roles = Enumerable.Range(0, roleCount).Select(r => new HubRole
        {
            Name = RoleNames[r],
            NativeRole = meta ? MetaNatives[r] : ScimNatives[r],
            AssetTasks = meta ? [.. MetaTasks[r]] : [],
        });
        var connector = meta
            ? new HubConnector
            {
                Type = ConnectorType.Meta,
                BaseUrl = "https://graph.facebook.com/v21.0",
                BusinessId = $"{1_000_000_000 + index}",
                InviteRequired = true,
                CredentialsSecretRef = new SecretReference { Name = $"hub-{index:D4}-meta" },
            }
            : new HubConnector
            {
                Type = ConnectorType.Scim,
                BaseUrl = $"https://app{index}.example.com/scim/v2",
                CredentialsSecretRef = new SecretReference { Name = $"hub-{index:D4}-scim" },
            };
        return new BusinessHub
        {
            Metadata = Meta($"hub-{index:D4}"),
            Spec = new BusinessHubSpec
            {
                Connector = connector,
                Roles = [.. roles],
                Policy = new HubPolicy
                {
                    Drift = random.NextDouble() < 0.2 ? DriftMode.Enforce : DriftMode.Report,
                    Removal = random.NextDouble() < 0.2 ? RemovalMode.Suspend : RemovalMode.Remove,
                },
            },
        };
    }

    private static TeamShare Share(int index, List<BusinessHub> hubs, WorldShape shape, Random random)
    {
        var hub = hubs[random.Next(hubs.Count)];
        var roles = hub.Spec.Roles;
        var role = roles[Math.Min(WeightedRank(random), roles.Count - 1)];
        var subject = random.NextDouble() < shape.IndividualShareRatio
            ? new ShareSubject { User = IndividualSubject(random.Next(shape.Users), random) }
            : new ShareSubject { Team = TeamName(random.Next(shape.Groups)) };
        var assets = new List<AssetShare>();
        if (hub.Spec.Connector.InviteRequired && random.NextDouble() < shape.ShareWithAssetsRatio)
        {
            // A role without asset tasks cannot carry an asset (the validator says so): such shares name Analyst for it.
            var assetRole = role.AssetTasks.Count > 0 ? null : RoleNames[2];
            assets.AddRange(Enumerable.Range(0, AssetsPerHub).OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                .Select(a => new AssetShare { Kind = AssetKinds[a % AssetKinds.Length], Id = $"{hub.Metadata.Name}.asset{a}", Role = assetRole }));
        }

        return new TeamShare
        {
            Metadata = Meta($"share-{index:D5}"),
            Spec = new TeamShareSpec
            {
                HubRef = new LocalObjectReference { Name = hub.Metadata.Name },
                Subject = subject,
                Role = role.Name,
                Assets = assets,
            },
        };
    }

    /// <summary>A user's email as a person would type it: now and then in another case (matching is case-insensitive).</summary>
    private static string IndividualSubject(int user, Random random)
    {
        var email = IdentityFactory.Email(user);
        return random.Next(4) == 0 ? email.ToUpperInvariant() : email;
    }

    private static int WeightedRank(Random random)
    {
        var roll = random.NextDouble();
        for (var rank = 0; rank < RoleWeights.Length; rank++)
        {
            roll -= RoleWeights[rank];
            if (roll < 0)
            {
                return rank;
            }
        }

        return RoleWeights.Length - 1;
    }
}
