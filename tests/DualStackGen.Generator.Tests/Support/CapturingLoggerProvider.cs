using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>A logger provider for a test host that keeps every entry with its category, to assert what a server logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public (string Category, LogLevel Level, string Message)[] Entries => [.. _entries];

    public string[] MessagesOf(string category, LogLevel level) =>
        [.. _entries.Where(entry => entry.Category == category && entry.Level == level).Select(entry => entry.Message)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
