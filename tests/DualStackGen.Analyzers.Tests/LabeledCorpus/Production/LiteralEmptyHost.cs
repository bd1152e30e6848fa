using System.Net;

namespace Labeled.LiteralEmpty;

/// <summary>A literal empty host given to the resolver.</summary>
public static class Lookup
{
    public static IPAddress[] All() => Dns.GetHostAddresses(""); // expect: DSG0003
}
