using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Planning;

/// <summary>Applies a plan's changes to an app state the way a faithful connector would, for property tests.</summary>
internal static class AppSimulator
{
    public static ActualAccess Apply(ActualAccess actual, IEnumerable<AccessChange> changes)
    {
        var members = actual.Members.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            members.TryGetValue(change.UserKey, out var member);
            switch (change.Kind)
            {
                case AccessChangeKind.Invite:
                    members[change.UserKey] = New(change, MemberState.Invited);
                    break;
                case AccessChangeKind.Add when member is null:
                    members[change.UserKey] = New(change, MemberState.Active);
                    break;
                case AccessChangeKind.Add:
                    // Reactivation: the member keeps its provenance; only members the operator creates are marked managed.
                    members[change.UserKey] = member with { State = MemberState.Active, NativeRole = change.NativeRole };
                    break;
                case AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole:
                    members[change.UserKey] = member! with { NativeRole = change.NativeRole };
                    break;
                case AccessChangeKind.GrantAsset or AccessChangeKind.RevokeAsset:
                    var others = member!.Assets.Where(a => a.Kind != change.Asset!.Kind || a.Id != change.Asset.Id);
                    members[change.UserKey] = member with
                    {
                        Assets = change.Tasks is null ? [.. others] : [.. others, new AppAsset(change.Asset!.Kind, change.Asset.Id, change.Tasks)],
                    };
                    break;
                case AccessChangeKind.UpdateAttributes:
                    var attributes = new Dictionary<string, string>(member!.Attributes);
                    foreach (var (name, value) in change.Attributes!)
                    {
                        if (value is null)
                        {
                            attributes.Remove(name);
                        }
                        else
                        {
                            attributes[name] = value;
                        }
                    }

                    members[change.UserKey] = member with { Attributes = attributes };
                    break;
                case AccessChangeKind.Suspend:
                    members[change.UserKey] = member! with { State = MemberState.Suspended };
                    break;
                case AccessChangeKind.Remove or AccessChangeKind.CancelInvite:
                    members.Remove(change.UserKey);
                    break;
            }
        }

        return actual with { Members = members };
    }

    private static ActualMember New(AccessChange change, MemberState state) => new(
        change.UserKey, change.Email, "app-" + change.UserKey, change.NativeRole, state, Managed: true, [],
        (change.Attributes ?? new Dictionary<string, string?>()).Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!));
}
