using System.Collections;
using Cerby.Operator.Runtime.Objects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Hosting;

/// <summary>
/// Wraps the host's logger factory so every log line, from every provider (console, tests' captures), passes through
/// the <see cref="SecretRedactor"/>: the formatted message, string state values and the exception text.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor redactor) : ILoggerFactory
{
    /// <summary>Replaces the registered <see cref="ILoggerFactory"/> with one that redacts; call after every provider is registered.</summary>
    public static void Install(IServiceCollection services)
    {
        services.TryAddSingleton<SecretRedactor>();
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<LoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(sp.GetRequiredService<LoggerFactory>(), sp.GetRequiredService<SecretRedactor>()));
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The container disposes the inner factory.
    }

    private sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!redactor.Active)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var message = redactor.Redact(formatter(state, exception));
            var cleanException = exception is not null && redactor.Redact(exception.ToString()) is var text && text != exception.ToString()
                ? new RedactedException(redactor.Redact(exception.Message), text)
                : exception;
            inner.Log(logLevel, eventId, new RedactedState(state as IReadOnlyList<KeyValuePair<string, object?>>, redactor, message), cleanException, (s, _) => s.Message);
        }
    }

    /// <summary>The state handed to providers: the redacted message, and the structured values with strings redacted.</summary>
    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>>? values, SecretRedactor redactor, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values?.Count ?? 0;

        public KeyValuePair<string, object?> this[int index] =>
            values![index] is { Value: string text } pair ? new(pair.Key, redactor.Redact(text)) : values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }

    /// <summary>An exception whose text held a secret: its message and its whole text, redacted.</summary>
    private sealed class RedactedException(string message, string text) : Exception(message)
    {
        public override string ToString() => text;
    }
}
