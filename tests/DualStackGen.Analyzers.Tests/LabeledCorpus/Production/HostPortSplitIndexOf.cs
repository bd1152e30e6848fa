namespace Labeled.SplitFirst;

/// <summary>host:port split at the first ':' of a configuration value.</summary>
public sealed class Upstream
{
    public Upstream(string value)
    {
        int separator = value.IndexOf(':'); // expect: DSG0007
        Host = value.Substring(0, separator);
        string portText = value.Substring(separator + 1);
        Port = ushort.Parse(portText);
    }

    public string Host { get; }

    public ushort Port { get; }
}
