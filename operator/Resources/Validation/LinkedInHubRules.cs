namespace Cerby.Operator.Resources.Validation;

/// <summary>
/// What a hub of type linkedin must hold: its settings, native roles LinkedIn knows, no invitations (LinkedIn has
/// none), and a people list where each email and each person URN appears once.
/// </summary>
internal static class LinkedInHubRules
{
    public static IEnumerable<ValidationProblem> Validate(BusinessHub hub, string key)
    {
        var connector = hub.Spec.Connector;
        if (connector.Type != ConnectorType.LinkedIn)
        {
            yield break;
        }

        if (connector.LinkedIn is not { } settings)
        {
            yield return new("BusinessHub", key, "spec.connector.linkedIn", "a linkedin connector needs the linkedIn settings (adAccountId, people)");
            yield break;
        }

        if (connector.InviteRequired)
        {
            yield return new("BusinessHub", key, "spec.connector.inviteRequired", "LinkedIn ad accounts have no invitations: people are added directly by person URN");
        }

        for (var i = 0; i < hub.Spec.Roles.Count; i++)
        {
            var native = hub.Spec.Roles[i].NativeRole;
            if (!LinkedInSettings.AccountRoles.Contains(native, StringComparer.Ordinal))
            {
                yield return new("BusinessHub", key, $"spec.roles[{i}].nativeRole", $"\"{native}\" is not a LinkedIn ad account role ({string.Join(", ", LinkedInSettings.AccountRoles)})");
            }
        }

        foreach (var (field, values) in new[] { ("email", settings.People.Select(p => p.Email.ToLowerInvariant())), ("personUrn", settings.People.Select(p => p.PersonUrn)) })
        {
            foreach (var repeated in values.Select((v, i) => (v, i)).GroupBy(x => x.v, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                yield return new("BusinessHub", key, $"spec.connector.linkedIn.people[{repeated.Last().i}].{field}", $"{field} {repeated.Key} is declared more than once");
            }
        }
    }
}
