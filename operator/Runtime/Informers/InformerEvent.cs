namespace Cerby.Operator.Runtime.Informers;

/// <summary>What happened to an object in the cache; controllers only turn it into keys.</summary>
internal enum InformerEventType
{
    Added,
    Updated,
    Deleted,
}

/// <summary>A cache change: the object as it is now (its last state for a delete), and its previous state for an update.</summary>
internal sealed record InformerEvent<T>(InformerEventType Type, T Object, T? Previous = null)
    where T : class;
