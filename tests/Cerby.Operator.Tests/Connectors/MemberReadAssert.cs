using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors;

/// <summary>Checks a targeted read against a full read of the same app: each person asked, as the full read has them.</summary>
internal static class MemberReadAssert
{
    /// <summary>Every key of <paramref name="keys"/> is answered, and as <paramref name="whole"/> has it (null when absent there).</summary>
    public static void AnswersAsFullRead(ActualAccess whole, MemberRead read, params string[] keys)
    {
        Assert.Equal(keys.Order(StringComparer.Ordinal), read.Members.Keys.Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            Assert.Equal(Shape(whole.Members.GetValueOrDefault(key)), Shape(read.Members[key]));
        }
    }

    private static object? Shape(ActualMember? member) => member is null
        ? null
        : (member.Key, member.Email.ToLowerInvariant(), member.AppUserId, member.NativeRole, member.State, member.Managed, member.InviteExpired, member.Assets.Count);
}
