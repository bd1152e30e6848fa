namespace DualStackGen.Generator.Servers.Models;

/// <summary>Which attribute made the class a server.</summary>
internal enum ServerKind
{
    Tcp,
    Udp,
}
