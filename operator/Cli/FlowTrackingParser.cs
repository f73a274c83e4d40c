using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cerby.Operator.Cli;

/// <summary>
/// A YamlDotNet parser that refuses collections nested deeper than <see cref="MaxDepth"/>, and remembers where the flow collections still open (<c>{</c>, <c>[</c>) began and how far the
/// scanner got, so that a failure YamlDotNet does not report as a <see cref="YamlException"/> (its scanner throws
/// <see cref="InvalidOperationException"/> on some unclosed flow mappings) can still name a line.
/// </summary>
internal sealed class FlowTrackingParser : IParser
{
    /// <summary>Deeper than any manifest; YamlDotNet and the conversion to JSON recurse per level, so a bound keeps a hostile file from overflowing the stack.</summary>
    public const int MaxDepth = 200;

    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly Stack<(char Open, long Line)> _open = new(); // every collection open now; '{' and '[' for flow style, ' ' for block

    public FlowTrackingParser(TextReader text)
    {
        _scanner = new Scanner(text);
        _parser = new Parser(_scanner);
    }

    public ParsingEvent? Current => _parser.Current;

    /// <summary>The line the scanner had reached (1-based).</summary>
    public int Line => (int)Math.Max(1, _scanner.CurrentPosition.Line);

    /// <summary>The innermost flow collection not closed yet, if any.</summary>
    public (char Open, int Line)? InnermostOpenFlow =>
        _open.FirstOrDefault(o => o.Open != ' ') is { Open: not '\0' } open ? (open.Open, (int)open.Line) : null;

    public bool MoveNext()
    {
        if (!_parser.MoveNext())
        {
            return false;
        }

        switch (_parser.Current)
        {
            case MappingStart start:
                _open.Push((start.Style == MappingStyle.Flow ? '{' : ' ', start.Start.Line));
                break;
            case SequenceStart start:
                _open.Push((start.Style == SequenceStyle.Flow ? '[' : ' ', start.Start.Line));
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                _open.Pop();
                break;
        }

        if (_open.Count > MaxDepth)
        {
            throw new YamlException(_parser.Current!.Start, _parser.Current.End, $"collections nested deeper than {MaxDepth} levels");
        }

        return true;
    }
}
