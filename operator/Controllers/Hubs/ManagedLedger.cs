using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// The hub's record of its own writes, a ConfigMap <c>cerby-ledger-&lt;hub&gt;</c> beside the hub, owned by it (keys only,
/// never credentials). Two parts:
/// <list type="bullet">
/// <item><b>members</b> (apps that cannot mark who the operator provisioned, Meta): the users the operator invited or
/// added. Only they lose access when no share justifies them; anyone else is drift.</item>
/// <item><b>pending</b> (every hub): the membership changes sent, or about to be sent, whose outcome no answer has
/// confirmed yet. An entry is written <em>before</em> its write goes out and cleared once the answer came, so a crash or
/// a lost answer never leaves a seat the operator granted unrecorded; the next sync resolves it by reading the app.</item>
/// </list>
/// <item><b>since</b> (every hub): when the operator first saw each member in the app with a justification, for
/// <c>cerby-operator report</c>; kept until the member leaves the app.</item>
/// A pending invite or add counts as managed (<see cref="Keys"/>) until it is resolved.
/// </summary>
internal sealed class ManagedLedger
{
    private readonly List<Action<LedgerState>> _changes = [];
    private LedgerState _state;

    private ManagedLedger(IKubernetes client, string ns, string name, V1ConfigMap? stored, bool keepsMembers)
    {
        (Client, Namespace, Name, Stored, KeepsMembers) = (client, ns, name, stored, keepsMembers);
        _state = LedgerFormat.Read(stored);
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>Whether this hub's app needs the members part (Meta); otherwise only pending changes are journalled.</summary>
    public bool KeepsMembers { get; }

    /// <summary>The users the operator provisioned: confirmed members plus pending invites and adds (empty unless <see cref="KeepsMembers"/>).</summary>
    public IReadOnlySet<string> Keys => KeepsMembers
        ? [.. _state.Members, .. _state.Pending.Values.Where(p => p.Grants).Select(p => p.UserKey)]
        : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The confirmed members.</summary>
    public IReadOnlySet<string> Members => _state.Members;

    /// <summary>Changes sent whose outcome is not confirmed yet, by user.</summary>
    public IReadOnlyDictionary<string, PendingChange> Pending => _state.Pending;

    /// <summary>Since when the operator has known each member (first seen in the app with a justification), by user key.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Since => _state.Since;

    public bool Changed => _changes.Count > 0;

    private IKubernetes Client { get; }

    private V1ConfigMap? Stored { get; set; }

    public static string NameFor(string hubName) => $"cerby-ledger-{hubName}";

    public static async Task<ManagedLedger> LoadAsync(IKubernetes client, string ns, string hubName, CancellationToken cancellationToken, bool keepsMembers = true)
    {
        var name = NameFor(hubName);
        return new ManagedLedger(client, ns, name, await TryReadAsync(client, ns, name, cancellationToken), keepsMembers);
    }

    /// <summary>Whether a change is journalled as pending before it is sent: the membership changes (who holds a seat, and with what role).</summary>
    public static bool Journals(AccessChange change) => change.Kind is AccessChangeKind.Invite or AccessChangeKind.Add or AccessChangeKind.Remove
        or AccessChangeKind.CancelInvite or AccessChangeKind.Suspend or AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole;

    /// <summary>Marks the change as about to be sent.</summary>
    public void Begin(AccessChange change, DateTimeOffset now)
    {
        if (Journals(change))
        {
            var entry = new PendingChange(change.UserKey, change.Email, change.Kind, change.NativeRole, now);
            Apply(s => s.Pending[entry.UserKey] = entry);
        }
    }

    /// <summary>The app answered that the change took effect (or was already in place).</summary>
    public void Confirm(AccessChange change)
    {
        var (key, kind) = (change.UserKey, change.Kind);
        Apply(s =>
        {
            s.Pending.Remove(key);
            if (KeepsMembers && kind is AccessChangeKind.Invite or AccessChangeKind.Add)
            {
                s.Members.Add(key);
            }
            else if (KeepsMembers && kind is AccessChangeKind.Remove or AccessChangeKind.CancelInvite)
            {
                s.Members.Remove(key);
            }
        });
    }

    /// <summary>The change was not sent, or the app answered that it did not act on it.</summary>
    public void Abandon(AccessChange change)
    {
        var key = change.UserKey;
        if (_state.Pending.ContainsKey(key))
        {
            Apply(s => s.Pending.Remove(key));
        }
    }

    /// <summary>A pending entry a read has decided: confirmed (the app shows it) or dropped (it does not).</summary>
    public void Resolve(PendingChange entry, bool confirmed)
    {
        Apply(s =>
        {
            if (s.Pending.TryGetValue(entry.UserKey, out var current) && current.Since == entry.Since)
            {
                s.Pending.Remove(entry.UserKey);
            }

            if (confirmed && KeepsMembers && entry.Grants)
            {
                s.Members.Add(entry.UserKey);
            }
            else if (confirmed && KeepsMembers && entry.Kind is AccessChangeKind.Remove or AccessChangeKind.CancelInvite)
            {
                s.Members.Remove(entry.UserKey);
            }
        });
    }

    /// <summary>
    /// Records, after a complete read of the app, since when each member is known: a member the desired access justifies
    /// and who has no entry gets <paramref name="now"/>; an entry whose user the app no longer has is dropped. Changes
    /// (and so writes) the ledger only when an entry is added or dropped.
    /// </summary>
    public void Observe(IReadOnlyCollection<string> inApp, IReadOnlyCollection<string> justified, DateTimeOffset now)
    {
        var present = inApp as IReadOnlySet<string> ?? inApp.ToHashSet(StringComparer.Ordinal);
        var added = justified.Where(k => present.Contains(k) && !_state.Since.ContainsKey(k)).ToList();
        var dropped = _state.Since.Keys.Where(k => !present.Contains(k)).ToList();
        if (added.Count > 0 || dropped.Count > 0)
        {
            Apply(s =>
            {
                added.ForEach(k => s.Since.TryAdd(k, now));
                dropped.ForEach(k => s.Since.Remove(k));
            });
        }
    }

    /// <summary>Writes the ledger when it changed; on a conflict re-reads it and re-applies this sync's changes.</summary>
    public async Task SaveAsync(IKubernetes client, BusinessHub owner, CancellationToken cancellationToken)
    {
        for (var attempt = 1; Changed; attempt++)
        {
            var body = new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = Name,
                    NamespaceProperty = Namespace,
                    ResourceVersion = Stored?.Metadata.ResourceVersion,
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "cerby-operator", ["access.cerby.io/hub"] = owner.Metadata.Name },
                    OwnerReferences =
                    [
                        new V1OwnerReference { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true },
                    ],
                },
            };
            LedgerFormat.Write(_state, body);
            try
            {
                Stored = Stored is null
                    ? await client.CoreV1.CreateNamespacedConfigMapAsync(body, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : await client.CoreV1.ReplaceNamespacedConfigMapAsync(body, Name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                _changes.Clear();
                return;
            }
            catch (Exception ex) when (KubernetesErrors.IsConflict(ex) && attempt < 5)
            {
                Stored = await TryReadAsync(client, Namespace, Name, cancellationToken).ConfigureAwait(false);
                _state = LedgerFormat.Read(Stored);
                foreach (var change in _changes)
                {
                    change(_state);
                }
            }
        }
    }

    /// <summary>Writes the ledger through the client it was loaded with.</summary>
    public Task SaveAsync(BusinessHub owner, CancellationToken cancellationToken) => SaveAsync(Client, owner, cancellationToken);

    private void Apply(Action<LedgerState> change)
    {
        change(_state);
        _changes.Add(change);
    }

    private static async Task<V1ConfigMap?> TryReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }
}

/// <summary>A membership change sent (or about to be) whose outcome is not confirmed.</summary>
/// <param name="UserKey">The user (lower-case email).</param>
/// <param name="Email">The email, for Events.</param>
/// <param name="Kind">What the change does.</param>
/// <param name="NativeRole">The app role it sets, when it sets one.</param>
/// <param name="Since">When it was journalled.</param>
internal sealed record PendingChange(string UserKey, string Email, AccessChangeKind Kind, string? NativeRole, DateTimeOffset Since)
{
    /// <summary>Whether the change gives a seat (invite or add).</summary>
    public bool Grants => Kind is AccessChangeKind.Invite or AccessChangeKind.Add;
}

/// <summary>The ledger's content: confirmed members and pending changes.</summary>
internal sealed class LedgerState
{
    public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PendingChange> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>When the operator first saw each member in the app with a justification (unix ms precision).</summary>
    public Dictionary<string, DateTimeOffset> Since { get; } = new(StringComparer.Ordinal);
}
