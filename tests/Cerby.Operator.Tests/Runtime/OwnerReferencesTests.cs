using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using k8s.Models;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Controller owner references: set once, same namespace only, one controller.</summary>
public sealed class OwnerReferencesTests
{
    [Fact]
    public void SetController_adds_a_blocking_controller_reference_once()
    {
        var hub = Hub("meta-main", "uid-1");
        var share = TestCluster.Share("s");

        Assert.True(OwnerReferences.SetController(share, hub));
        Assert.False(OwnerReferences.SetController(share, hub));

        var reference = Assert.Single(share.Metadata.OwnerReferences);
        Assert.Equal((ApiGroup.ApiVersion, "BusinessHub", "meta-main", "uid-1", true, true),
            (reference.ApiVersion, reference.Kind, reference.Name, reference.Uid, reference.Controller, reference.BlockOwnerDeletion));
        Assert.True(OwnerReferences.IsControlledBy(share, hub));
    }

    [Fact]
    public void Another_controller_or_another_namespace_is_refused()
    {
        var share = TestCluster.Share("s");
        OwnerReferences.SetController(share, Hub("meta-main", "uid-1"));

        var taken = Assert.Throws<InvalidOperationException>(() => OwnerReferences.SetController(share, Hub("linkedin", "uid-2")));
        Assert.Equal("TeamShare default/s is already controlled by BusinessHub meta-main", taken.Message);

        var elsewhere = Hub("x", "uid-3");
        elsewhere.Metadata.NamespaceProperty = "sales";
        Assert.Throws<InvalidOperationException>(() => OwnerReferences.SetController(TestCluster.Share("t"), elsewhere));
        Assert.False(OwnerReferences.IsControlledBy(share, elsewhere));
    }

    private static BusinessHub Hub(string name, string uid) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TestCluster.Namespace, Uid = uid } };
}
