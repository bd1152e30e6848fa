using System.Collections.Generic;

namespace HeldOut.Listening.Configuration;

/// <summary>The small slice of a configuration API the servers here read: keys with ':'-separated sections.</summary>
public interface IAppConfiguration
{
    string? this[string key] { get; }

    IEnumerable<string> GetList(string key);
}
