using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Planning;
using k8s.Models;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Controllers.Hubs;

public sealed class LedgerFormatTests(ITestOutputHelper output)
{
    [Fact]
    public void A_ledger_of_100k_members_fits_one_ConfigMap_compressed_and_reads_back_whole()
    {
        var random = new Random(1);
        var state = new LedgerState();
        string[] names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];
        while (state.Members.Count < 100_000)
        {
            state.Members.Add($"{names[random.Next(names.Length)]}.{new string([.. Enumerable.Range(0, random.Next(4, 10)).Select(_ => (char)('a' + random.Next(26)))])}{random.Next(100)}@example.com");
        }

        state.Pending["new@example.com"] = new PendingChange("new@example.com", "new@example.com", AccessChangeKind.Invite, "EMPLOYEE", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var map = new V1ConfigMap();

        LedgerFormat.Write(state, map);

        var bytes = (map.Data?.Values.Sum(v => v.Length) ?? 0) + (map.BinaryData?.Values.Sum(v => v.Length) ?? 0);
        output.WriteLine($"100,000 members: {bytes / 1024} KiB in the ConfigMap (plain text would be {state.Members.Sum(m => m.Length + 1) / 1024} KiB)");
        Assert.True(bytes < 1024 * 1024, $"{bytes} bytes");
        var read = LedgerFormat.Read(map);
        Assert.Equal(state.Members.Count, read.Members.Count);
        Assert.True(state.Members.SetEquals(read.Members));
        Assert.Equal(state.Pending["new@example.com"], read.Pending["new@example.com"]);
    }

    [Fact]
    public void A_small_ledger_stays_readable_text()
    {
        var state = new LedgerState();
        state.Members.UnionWith(["b@example.com", "a@example.com"]);
        var map = new V1ConfigMap();

        LedgerFormat.Write(state, map);

        Assert.Equal("a@example.com\nb@example.com", map.Data!["members"]);
        Assert.Null(map.BinaryData);
    }
}
