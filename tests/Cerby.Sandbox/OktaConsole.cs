using Cerby.Emulators.Okta;

namespace Cerby.Sandbox;

/// <summary>
/// While the sandbox keeps running, commands typed on stdin change the emulated Okta org (its HTTP API is read-only,
/// as the operator uses Okta), then it waits (with a deadline) for the app to change and prints its members and the
/// new Events. Ends quietly when stdin closes.
/// </summary>
internal sealed class OktaConsole(SandboxEnvironment sandbox, EventFeed events, TextWriter output)
{
    public const string Help = """
        Commands (change the emulated Okta org; the operator follows):
          join <email> <group name>     add to a group (a new email creates the user)
          leave <email> <group name>    remove from a group
          deactivate <email>            deactivate in Okta (activate <email> undoes it)
          suspend <email>               suspend in Okta (unsuspend <email> undoes it)
          okta                          users, their status and groups
          app                           the SCIM app's members
          help
        """;

    private static readonly TimeSpan ChangeDeadline = TimeSpan.FromSeconds(20);

    private OktaOrg Org => sandbox.Okta.Org;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            try
            {
                await RunCommandAsync(words, cancellationToken);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HttpRequestException or TimeoutException)
            {
                output.WriteLine(ex.Message);
            }
        }
    }

    private async Task RunCommandAsync(string[] words, CancellationToken cancellationToken)
    {
        switch (words)
        {
            case []:
                return;
            case ["join", var email, .. var group] when group.Length > 0:
                await ChangeAsync(() => Org.AddToGroup(GroupId(string.Join(' ', group)), UserId(email, create: true)), cancellationToken);
                return;
            case ["leave", var email, .. var group] when group.Length > 0:
                await ChangeAsync(() => Org.RemoveFromGroup(GroupId(string.Join(' ', group)), UserId(email)), cancellationToken);
                return;
            case ["deactivate", var email]:
                await ChangeAsync(() => Org.Deactivate(UserId(email)), cancellationToken);
                return;
            case ["activate", var email]:
                await ChangeAsync(() => Org.Activate(UserId(email)), cancellationToken);
                return;
            case ["suspend", var email]:
                await ChangeAsync(() => Org.Suspend(UserId(email)), cancellationToken);
                return;
            case ["unsuspend", var email]:
                await ChangeAsync(() => Org.Unsuspend(UserId(email)), cancellationToken);
                return;
            case ["okta"]:
                PrintOkta();
                return;
            case ["app"]:
                output.WriteLine($"app members: {Describe(await sandbox.ScimMembers.ReadAsync(cancellationToken))}");
                return;
            default:
                output.WriteLine(Help);
                return;
        }
    }

    /// <summary>Makes the change, then waits until the app's members differ (or the deadline passes) and prints them with the new Events.</summary>
    private async Task ChangeAsync(Action change, CancellationToken cancellationToken)
    {
        var before = Describe(await sandbox.ScimMembers.ReadAsync(cancellationToken));
        change();
        var after = before;
        var (changed, took) = await Deadline.WaitAsync(async ct => (after = Describe(await sandbox.ScimMembers.ReadAsync(ct))) != before, ChangeDeadline, cancellationToken);
        output.WriteLine(changed
            ? $"the app changed {took.TotalSeconds:F2} s after the Okta change"
            : $"the app did not change within {ChangeDeadline.TotalSeconds:0} s (nothing to do for the operator, or see the Events)");
        output.WriteLine($"app members: {after}");
        foreach (var line in await events.NewEventsAsync(cancellationToken))
        {
            output.WriteLine($"  {line}");
        }
    }

    private void PrintOkta() => Org.Read(view =>
    {
        foreach (var user in view.Users.Values.Where(u => u.Id != OktaOrg.AdminId).OrderBy(u => u.Login, StringComparer.OrdinalIgnoreCase))
        {
            var groups = view.Groups.Values.Where(g => g.Members.Contains(user.Id)).Select(g => g.Name);
            output.WriteLine($"  {user.Login,-24} {user.Status,-14} {string.Join(", ", groups)}");
        }

        return 0;
    });

    private string UserId(string email, bool create = false) =>
        Org.Read(view => view.Users.Values.FirstOrDefault(u => string.Equals(u.Login, email, StringComparison.OrdinalIgnoreCase))?.Id)
        ?? (create ? Org.CreateUser(email) : throw new ArgumentException($"no Okta user {email} (okta lists them)"));

    private string GroupId(string name) =>
        Org.Read(view => view.Groups.Values.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))?.Id)
        ?? throw new ArgumentException($"no Okta group \"{name}\" (okta lists the groups of each user; the sandbox has Marketing Editors and Marketing Admins)");

    private static string Describe(IReadOnlyDictionary<string, ScimMember> members) =>
        members.Count == 0 ? "(none)" : string.Join(", ", members.Values.OrderBy(m => m.UserName, StringComparer.Ordinal));
}
