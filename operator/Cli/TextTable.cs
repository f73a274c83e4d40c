namespace Cerby.Operator.Cli;

/// <summary>Writes rows as aligned columns, two spaces apart, like kubectl get; the last column is never cut or padded.</summary>
internal static class TextTable
{
    public static void Write(TextWriter writer, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string indent = "")
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(headers))
        {
            var cells = row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]));
            writer.WriteLine(indent + string.Join("  ", cells));
        }
    }
}
