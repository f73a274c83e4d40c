namespace Cerby.Operator.Runtime.Objects;

/// <summary>
/// A write-only stream that keeps what is written in pieces of at most a given size (the chunks of a
/// <see cref="ChunkedSecretStore"/> part): no buffer ever grows past one piece, and nothing is copied whole at the end.
/// </summary>
internal sealed class PieceStream(int pieceBytes) : Stream
{
    private readonly List<byte[]> _full = [];
    private byte[] _current = new byte[pieceBytes];
    private int _used;
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The pieces written so far, in order; the last one trimmed to what it holds (none when nothing was written).</summary>
    public IReadOnlyList<byte[]> Pieces() => _used == 0 ? [.. _full] : [.. _full, _current[.._used]];

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_used == _current.Length)
            {
                _full.Add(_current);
                (_current, _used) = (new byte[pieceBytes], 0);
            }

            var take = Math.Min(buffer.Length, _current.Length - _used);
            buffer[..take].CopyTo(_current.AsSpan(_used));
            (_used, _length) = (_used + take, _length + take);
            buffer = buffer[take..];
        }
    }

    public override void Flush()
    {
        // Everything written is already in the pieces.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
