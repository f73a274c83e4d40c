using Microsoft.Graph.Models;

namespace Cerby.Operator.Identity.Entra;

/// <summary>A groups round merged: a group's entries may be split over pages and repeated.</summary>
internal sealed record EntraGroupChanges(HashSet<string> Touched, HashSet<string> Removed, Dictionary<string, string> Names, Dictionary<string, List<EntraMemberChange>> Members)
{
    public static EntraGroupChanges From(IEnumerable<Group> entries)
    {
        var changes = new EntraGroupChanges(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        foreach (var group in entries.Where(g => g.Id is not null))
        {
            var id = group.Id!;
            changes.Touched.Add(id);
            if (EntraUserMapping.IsRemoved(group.AdditionalData))
            {
                changes.Removed.Add(id);
                continue;
            }

            changes.Removed.Remove(id); // restored later in the same round
            if (group.DisplayName is { Length: > 0 } name)
            {
                changes.Names[id] = name;
            }

            var members = EntraMemberChange.Parse(group.AdditionalData);
            if (members.Count > 0)
            {
                if (!changes.Members.TryGetValue(id, out var list))
                {
                    changes.Members[id] = list = [];
                }

                list.AddRange(members);
            }
        }

        return changes;
    }
}
