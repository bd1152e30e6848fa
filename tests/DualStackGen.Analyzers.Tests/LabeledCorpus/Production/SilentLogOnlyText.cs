using System;
using System.Collections.Generic;

namespace Labeled.Silent.LogOnly;

/// <summary>host:port text that only reaches a log line, an exception or a dictionary key.</summary>
public sealed class Registry
{
    private readonly Dictionary<string, object> _sessions = new();

    public void Add(string host, int port, object session)
    {
        Console.WriteLine($"session from {host}:{port}");
        _sessions[$"{host}:{port}"] = session;
    }

    public void Fail(string host, int port) => throw new InvalidOperationException("cannot reach " + host + ":" + port);

    public bool Has(string host, int port)
    {
        string key = $"{host}:{port}";
        return _sessions.ContainsKey(key);
    }
}
