using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Cli;

/// <summary>
/// Loads the inputs of <c>plan</c>, <c>explain</c> and <c>report</c> from a folder or, with --live, a cluster, and runs
/// the command with its output held back until the end, so that every Secret value read on the way is scrubbed from
/// it (a peer may echo a token in an error message that ends up in a reason).
/// </summary>
internal static class CommandInputs
{
    /// <summary>
    /// Runs <paramref name="body"/> on the loaded inputs (with stdout, stderr, and the redaction to apply to anything it
    /// writes elsewhere, such as files); returns 1 (errors printed) when they cannot be loaded.
    /// </summary>
    public static int Run(string command, SourceArguments source, TextWriter stdout, TextWriter stderr, Func<PlanInputs, TextWriter, TextWriter, Func<string, string>, int> body)
    {
        var redactor = new SecretRedactor();
        var output = new StringWriter();
        var errors = new StringWriter();
        try
        {
            var (inputs, manifestErrors, problem) = source.Live
                ? LiveInputs.LoadAsync(source, redactor, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult()
                : OfflineInputs.Load(source.Folder!, source.Now ?? TimeProvider.System.GetUtcNow());
            if (problem is not null)
            {
                errors.WriteLine($"{command}: {problem}");
                return 1;
            }

            if (inputs is null)
            {
                var list = manifestErrors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
                list.ForEach(e => errors.WriteLine(e));
                errors.WriteLine($"{command}: {list.Count} {(list.Count == 1 ? "error" : "errors")}; nothing was planned");
                return 1;
            }

            return body(inputs, output, errors, redactor.Redact);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"{command}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (source.Live && e is not OperationCanceledException)
        {
            // A peer answering what no reader expected: one line (scrubbed like the rest), never a stack trace.
            errors.WriteLine($"{command}: {e.GetType().Name}: {e.Message}");
            return 1;
        }
        finally
        {
            stdout.Write(redactor.Redact(output.ToString()));
            stderr.Write(redactor.Redact(errors.ToString()));
        }
    }
}
