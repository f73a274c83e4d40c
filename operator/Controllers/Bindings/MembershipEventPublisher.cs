using System.Threading.Channels;
using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;

namespace Cerby.Operator.Controllers.Bindings;

/// <summary>
/// Turns the identity cache's membership events into Events on the IdpGroupBindings of the group (MemberJoined,
/// MemberLeft, MemberDeactivated, MemberDeleted, MemberReactivated), recorded off the watcher's thread while this
/// instance leads. Best effort and bounded: when thousands arrive at once, the oldest wait and the newest are dropped.
/// </summary>
internal sealed class MembershipEventPublisher
{
    private readonly Channel<(string IdpKey, MembershipEvent Change)> _pending = Channel.CreateBounded<(string, MembershipEvent)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly InformerSet _informers;
    private readonly EventRecorder _events;

    public MembershipEventPublisher(IdentityCache identity, InformerSet informers, EventRecorder events)
    {
        (_informers, _events) = (informers, events);
        identity.Changed += delta =>
        {
            foreach (var change in delta.Events)
            {
                _pending.Writer.TryWrite((delta.IdpKey, change));
            }
        };
    }

    public async Task RunAsync(CancellationToken leading)
    {
        try
        {
            await foreach (var (idpKey, change) in _pending.Reader.ReadAllAsync(leading))
            {
                var groupId = change.GroupId;
                foreach (var binding in _informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByIdp, idpKey))
                {
                    if (binding.Spec.Group.Id == groupId || binding.Status?.GroupId == groupId || (binding.Spec.Group.Id is null && binding.Spec.Group.DisplayName == change.GroupName))
                    {
                        await _events.NormalAsync(binding, EventReasons.MemberPrefix + change.Kind, change.Kind.ToString(),
                            $"{change.Email} {change.Detail}; team {binding.Spec.Team}", leading);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Leadership ended.
        }
    }
}
