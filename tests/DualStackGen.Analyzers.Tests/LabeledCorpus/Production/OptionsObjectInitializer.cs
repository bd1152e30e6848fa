using System.Net;
using System.Net.Sockets;

namespace Labeled.OptionsInitializer;

public sealed class UdpSettings
{
    public IPAddress? Address { get; init; }

    public int Port { get; init; }
}

/// <summary>The address is set in an object initializer at the creation site.</summary>
public static class UdpSettingsHost
{
    public static UdpSettings Defaults() => new UdpSettings { Address = IPAddress.Any, Port = 5000 }; // expect: DSG0002

    public static UdpClient Open(UdpSettings settings) => new UdpClient(new IPEndPoint(settings.Address!, settings.Port));
}
