using System;
using Microsoft.Extensions.Logging;

namespace DualStackGen.NamespaceProbe;

/// <summary>Writes every log entry as one <c>log LEVEL MESSAGE</c> line for the test to read.</summary>
internal sealed class ProbeLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Console.WriteLine($"log {logLevel} {OneLine(formatter(state, exception))}");

    public static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
