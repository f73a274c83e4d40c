using System.Buffers;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cerby.Operator.Identity;

/// <summary>Why an inbound body was refused before it was parsed.</summary>
internal enum BodyProblem
{
    None,

    /// <summary>Larger than the limit (413).</summary>
    TooLarge,

    /// <summary>Empty (400).</summary>
    Empty,

    /// <summary>Not valid UTF-8 (400): JSON on the wire is UTF-8 (RFC 8259 §8.1).</summary>
    InvalidUtf8,
}

/// <summary>
/// A request body read into one pooled buffer, never past the limit, checked to be UTF-8. The endpoints identity
/// providers call (inbound SCIM, Okta Event Hooks) parse from <see cref="Span"/> and dispose it, so a stream of
/// 1 MiB bodies reuses the same few buffers instead of leaving large-object garbage (growing streams, copies) behind.
/// </summary>
internal sealed class BoundedJsonBody : IDisposable
{
    /// <summary>The JSON nesting depth the endpoints accept: SCIM and Okta events nest a handful of levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>A body declared up to this many times the limit is read and dropped before the 413 is sent.</summary>
    private const long DrainFactor = 8;

    private byte[]? _buffer;

    private BoundedJsonBody(byte[]? buffer, int length, BodyProblem problem) => (_buffer, Length, Problem) = (buffer, length, problem);

    public int Length { get; }

    public BodyProblem Problem { get; }

    public ReadOnlySpan<byte> Span => _buffer is null ? [] : _buffer.AsSpan(0, Length);

    /// <summary>Reads the body of the request, at most <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<BoundedJsonBody> ReadAsync(HttpContext http, long maxBytes)
    {
        var declared = http.Request.ContentLength;
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (declared > maxBytes)
        {
            // Read and drop a declared body a few times over the limit (a small buffer, no memory kept), so the client
            // gets the 413 instead of a connection reset while it is still sending; anything larger is cut off.
            if (declared <= maxBytes * DrainFactor && feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = declared;
                var sink = ArrayPool<byte>.Shared.Rent(16 * 1024);
                try
                {
                    while (await http.Request.Body.ReadAsync(sink, http.RequestAborted) > 0)
                    {
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(sink);
                }
            }

            return new BoundedJsonBody(null, 0, BodyProblem.TooLarge);
        }

        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        var limit = (int)Math.Min(maxBytes, int.MaxValue - 1);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declared ?? 16 * 1024, 1, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return new BoundedJsonBody(null, 0, BodyProblem.TooLarge);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return new BoundedJsonBody(null, 0, BodyProblem.TooLarge);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var problem = length == 0 ? BodyProblem.Empty : !Utf8.IsValid(buffer.AsSpan(0, length)) ? BodyProblem.InvalidUtf8 : BodyProblem.None;
        return new BoundedJsonBody(buffer, length, problem);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
