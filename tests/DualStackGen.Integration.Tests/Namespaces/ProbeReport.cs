using System;
using System.Collections.Generic;
using System.Linq;

namespace DualStackGen.Integration.Tests.Namespaces;

/// <summary>The namespace probe's output, one fact a line (see tests/DualStackGen.NamespaceProbe/Program.cs).</summary>
internal sealed class ProbeReport(string output)
{
    public string Output { get; } = output;

    public IReadOnlyList<string> Lines { get; } = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Gets the listening sockets as <c>ENDPOINT v6only=N</c> (<c>-</c> for IPv4), in bind order.</summary>
    public IReadOnlyList<string> Listening => Values("listening ");

    /// <summary>Gets the failed starts' exception type and message.</summary>
    public IReadOnlyList<string> StartFailures => Values("start-failed ");

    /// <summary>Gets the log entries at <paramref name="level"/>.</summary>
    public IReadOnlyList<string> Logs(string level) => Values($"log {level} ");

    /// <summary>Gets what happened to the client from <paramref name="address"/>: <c>served seen=...</c> or <c>refused ERROR</c>.</summary>
    public string Client(string address)
        => Values($"client {address} ").SingleOrDefault() ?? throw new InvalidOperationException($"No line for client {address} in:\n{Output}");

    private string[] Values(string prefix) => [.. Lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..])];
}
