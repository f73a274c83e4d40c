using k8s.Autorest;
using k8s.LeaderElection;
using System.Net;

namespace Cerby.Operator.Runtime.LeaderElection;

/// <summary>Passes every call to the real lock and records each successful read of the Lease in <see cref="LeadershipState"/>.</summary>
internal sealed class ObservedLeaseLock(ILock inner, LeadershipState state) : ILock
{
    public string Identity => inner.Identity;

    public async Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var record = await inner.GetAsync(cancellationToken).ConfigureAwait(false);
            state.RecordLeaseContact();
            return record;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            state.RecordLeaseContact();
            throw;
        }
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(record, cancellationToken);

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(record, cancellationToken);

    public string Describe() => inner.Describe();
}
