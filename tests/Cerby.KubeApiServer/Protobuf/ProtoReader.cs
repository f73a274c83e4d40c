namespace Cerby.KubeApiServer.Protobuf;

/// <summary>Reads the protocol buffers wire format: a sequence of (field number, wire type, value).</summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool AtEnd => position >= data.Length;

    /// <summary>The next field's number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).</summary>
    public (int Number, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Next();
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("malformed varint");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = checked((int)ReadVarint());
        if (length < 0 || position + length > data.Length)
        {
            throw new FormatException("truncated length-delimited field");
        }

        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    /// <summary>Skips a value of a field this reader does not know.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Advance(8);
                break;
            case 2:
                ReadLengthDelimited();
                break;
            case 5:
                Advance(4);
                break;
            default:
                throw new FormatException($"unsupported wire type {wireType}");
        }
    }

    private void Advance(int count)
    {
        if (position + count > data.Length)
        {
            throw new FormatException("truncated fixed-width field");
        }

        position += count;
    }

    private byte Next() => position < data.Length ? data[position++] : throw new FormatException("truncated varint");
}
