using System.Globalization;
using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// 60 valid inbound SCIM pushes of about 1 MB each (Okta Group Push's full PUT of a 9,000-member group, a different
/// third of the members each time) into one IdentityProvider: every push is accepted, and the operator's resident
/// memory stays bounded. A reviewer saw RSS grow from 198 to 574 MiB; here growth above <see cref="MaxGrowthMiB"/>
/// counts as pushes the operator could not absorb.
/// </summary>
internal sealed class PushMemory() : Scenario("push-memory", "5b. 60 pushes of 1 MB each grow the operator's memory without bound")
{
    private const string Ns = "memory";
    private const int Pushes = 60;
    private const int Members = 9_000;
    private const int MaxGrowthMiB = 200;

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var app = await world.StartScimAppAsync();
        var pushToken = world.NewSecret("push");
        await world.ApplyAsync(Stages.PushedToScimHub(Ns, pushToken, app), cancellationToken);
        var op = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        using var pusher = new ScimPusher(op.Url, Ns, "pushed", pushToken);
        await UntilAsync(pusher.ServesAsync, Converge, "the operator serves the IdentityProvider's SCIM endpoint", cancellationToken);
        var (status, groupId) = await pusher.CreateGroupAsync("Support", cancellationToken);
        if (groupId is null)
        {
            result.PushesLost = 1;
            result.Note($"the group could not be created ({status})");
            return;
        }

        var before = ResidentMiB(op.ProcessId);
        var refused = 0;
        for (var push = 0; push < Pushes; push++)
        {
            var members = Enumerable.Range(push * 3_000, Members)
                .Select(i => ($"00u{i:D12}abcdefgh", $"member{i:D7}@a-rather-long-company-domain.example"));
            refused += (await pusher.ReplaceGroupAsync(groupId, "Support", members, cancellationToken)) is >= 200 and < 300 ? 0 : 1;
        }

        var after = ResidentMiB(op.ProcessId);
        result.FaultsInjected = Pushes;
        result.PushesLost = refused;
        var growth = after - before;
        result.Note($"RSS {before.ToString(CultureInfo.InvariantCulture)} → {after.ToString(CultureInfo.InvariantCulture)} MiB after {Pushes} pushes of ~1 MB ({refused} refused); bound {MaxGrowthMiB} MiB");
        if (growth > MaxGrowthMiB)
        {
            result.PushesLost += 1;
        }

        Stages.Alive(op, "op");
    }

    /// <summary>VmRSS of a process, in MiB, from /proc.</summary>
    private static long ResidentMiB(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).First();
}
