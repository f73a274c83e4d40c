using Cerby.Operator.Controllers.Shares;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Informers;
using k8s.Models;

namespace Cerby.Operator.Tests.Controllers.Shares;

/// <summary>Which hub changes reach the hub's live shares: only those a share shows (the hub exists, is Ready, or why not).</summary>
public sealed class ShareTriggersTests
{
    private static readonly Dictionary<string, (BusinessHub Before, BusinessHub After, bool Shown)> Table = new()
    {
        ["members and drift change, Ready stays True with another message: not shown"] = (Hub(true, "read 5 members", members: 5), Hub(true, "read 6 members", members: 6), false),
        ["Ready turns False: shown"] = (Hub(true, "read 5 members"), Hub(false, "the app could not be read"), true),
        ["Ready stays False with another reason: shown (the share quotes it)"] = (Hub(false, "Secret missing"), Hub(false, "the app could not be read"), true),
        ["Ready stays False with the same message, lastSyncTime moves: not shown"] = (Hub(false, "Secret missing"), Hub(false, "Secret missing", members: 9), false),
        ["deletion starts: shown"] = (Hub(true, "ok"), Hub(true, "ok", deleting: true), true),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_whether_a_hub_update_reaches_its_shares(string name)
    {
        var (before, after, shown) = Table[name];

        Assert.Equal(shown, ShareTriggers.ShownToShares(new InformerEvent<BusinessHub>(InformerEventType.Updated, after, before)));
    }

    [Fact]
    public void A_hub_added_or_deleted_reaches_its_shares()
    {
        Assert.True(ShareTriggers.ShownToShares(new InformerEvent<BusinessHub>(InformerEventType.Added, Hub(true, "ok"), null)));
        Assert.True(ShareTriggers.ShownToShares(new InformerEvent<BusinessHub>(InformerEventType.Deleted, Hub(true, "ok"), null)));
    }

    private static BusinessHub Hub(bool ready, string message, int members = 0, bool deleting = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = "hub", NamespaceProperty = "default", Generation = 1, DeletionTimestamp = deleting ? DateTime.UtcNow : null },
        Spec = new BusinessHubSpec(),
        Status = new BusinessHubStatus
        {
            Members = members,
            Conditions = [new Condition { Type = "Ready", Status = ready ? ConditionStatus.True : ConditionStatus.False, Reason = ready ? "Synced" : "AppReadFailed", Message = message }],
        },
    };
}
