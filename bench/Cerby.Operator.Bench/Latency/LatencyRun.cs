using System.Diagnostics;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// <c>--latency</c>: makes IdP changes one at a time in the Okta emulator and times, for each, how long until the
/// app itself shows it (polled directly, every 50 ms) and how long until the operator's identity cache had it
/// (detection). Before each change it pauses a random fraction of the log poll interval, so changes land at random
/// points of the poll cycle instead of just after a poll (which would flatter or penalise every sample alike).
/// </summary>
internal static class LatencyRun
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(50);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        LatencyOptions options;
        try
        {
            options = LatencyOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{LatencyOptions.Usage}");
            return 2;
        }

        try
        {
            await MeasureAsync(options, output);
            return 0;
        }
        catch (TimeoutException ex)
        {
            // A change the app never showed is a failure of the operator, not a slow figure: exit non-zero.
            await Console.Error.WriteLineAsync($"latency: {ex.Message}");
            return 1;
        }
    }

    private static async Task MeasureAsync(LatencyOptions options, TextWriter output)
    {
        var poll = LatencyOptions.PollInterval(options.LogPollInterval);
        var perChange = TimeSpan.FromSeconds(30) + (2 * poll);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(240) + (options.Changes * perChange));
        var setup = Stopwatch.StartNew();
        await using var rig = await LatencyRig.StartAsync(options, stop.Token);
        var people = rig.People;
        var changes = IdpChange.Sequence(people, options.Changes);
        output.WriteLine($"latency: {options.Users:N0} Okta users ({people.EditorCount:N0} in {OktaPopulation.EditorsGroup} → Editor, {people.AdminCount:N0} in {OktaPopulation.AdminsGroup} → Admin, " +
                         $"{options.Users - people.InitialMembers:N0} in no group); app: {rig.App.Name}; operator in-process, leader election off; " +
                         $"IdentityProvider logPollInterval {options.LogPollInterval ?? $"default ({LatencyOptions.DefaultPoll})"}, other settings default");

        TimeSpan initial;
        try
        {
            initial = await WaitAsync(async ct => await rig.App.CountAsync(ct) >= people.InitialMembers, TimeSpan.FromMinutes(3), stop.Token, "the first sync");
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"first sync: the app holds {await rig.App.CountAsync(stop.Token)} of {people.InitialMembers} members; hub: {await rig.HubConditionsAsync(stop.Token)}");
            throw;
        }

        output.WriteLine($"  first sync: {people.InitialMembers:N0} members provisioned into the app {Seconds(initial)} after the manifests were applied (setup total {setup.Elapsed.TotalSeconds:F1} s; not part of the figures)");

        var samples = new List<Sample>(changes.Count);
        foreach (var change in changes)
        {
            await Task.Delay(Random.Shared.NextDouble() * poll, stop.Token); // phase randomisation, not a wait on a condition
            rig.Detection.Arm(change.UserId);
            var started = Stopwatch.GetTimestamp();
            change.Apply(rig.Okta.Org);
            await WaitAsync(async ct => await rig.App.UserAsync(change.Email, ct) == (change.ExpectedRole is not null, change.ExpectedRole), perChange, stop.Token,
                $"{change.Kind} of {change.Email} (expected {change.ExpectedRole ?? "no member"})");
            var shown = Stopwatch.GetElapsedTime(started);
            var detected = rig.Detection.DetectedAt is { } at ? Stopwatch.GetElapsedTime(started, at) : (TimeSpan?)null;
            samples.Add(new Sample(change.Kind, shown, detected));
        }

        LatencyReport.Print(output, options, samples);
    }

    /// <summary>Polls until the condition holds; returns the time taken, or throws when the deadline passes.</summary>
    private static async Task<TimeSpan> WaitAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition(cancellationToken))
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"the app did not show {what} within {deadline.TotalSeconds:0} s");
            }

            await Task.Delay(ProbeEvery, cancellationToken);
        }

        return clock.Elapsed;
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:F1} s";
}

/// <summary>One change: its kind, Okta change → app shows it, and Okta change → the operator's identity cache had it (null if never seen).</summary>
internal sealed record Sample(ChangeKind Kind, TimeSpan Shown, TimeSpan? Detected);
