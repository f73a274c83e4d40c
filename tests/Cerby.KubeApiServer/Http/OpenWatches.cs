using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Cerby.KubeApiServer.Http;

/// <summary>The watch connections currently open, so tests can drop them all (as a network failure would).</summary>
internal sealed class OpenWatches
{
    private readonly ConcurrentDictionary<HttpContext, byte> contexts = new();

    public int Count => contexts.Count;

    public IDisposable Track(HttpContext context)
    {
        contexts[context] = 0;
        return new Registration(() => contexts.TryRemove(context, out _));
    }

    /// <summary>Aborts every open watch connection; clients see the stream break.</summary>
    public void DropAll()
    {
        foreach (var context in contexts.Keys)
        {
            context.Abort();
        }
    }

    private sealed class Registration(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
