namespace Labeled.Silent.EmbeddedTail;

/// <summary>The tail after the last ':' of an IPv6 literal is an embedded IPv4 address, not a port.</summary>
public static class V6Literal
{
    public static bool HasEmbeddedIPv4(string address)
    {
        int lastColon = address.LastIndexOf(':');
        string tail = address.Substring(lastColon + 1);
        return tail.IndexOf('.') >= 0;
    }
}
