using Cerby.Operator.Planning;

namespace Cerby.Operator.Bench.World;

/// <summary>One IdP membership change: <see cref="After"/> is <see cref="Before"/> with one more (active) user.</summary>
internal sealed record MembershipChange(IdpGroup Before, IdpGroup After);
