using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;

namespace Labeled.DeserializedSettingsAndPassiveListener;

/// <summary>Settings read from a JSON file: the initializers are only defaults.</summary>
internal sealed class GatewaySettings
{
    public string BindAddress { get; set; } = "0.0.0.0"; // expect: DSG0002
    public int Port { get; set; } = 2121;
}

internal static class GatewayHost
{
    private static GatewaySettings s_settings = new();

    public static async Task<TcpListener> StartAsync(string path)
    {
        await using (FileStream file = File.OpenRead(path))
        {
            s_settings = await JsonSerializer.DeserializeAsync<GatewaySettings>(file) ?? new GatewaySettings();
        }

        var listener = new TcpListener(IPAddress.Parse(s_settings.BindAddress), s_settings.Port); // expect: DSG0003
        listener.Start();
        return listener;
    }
}

/// <summary>An FTP session whose passive listener is made on the control connection's local address.</summary>
public sealed class PassiveSession
{
    private readonly TcpClient _control;

    public PassiveSession(TcpClient control) => _control = control;

    public string EnterPassive()
    {
        IPAddress local = ((IPEndPoint)_control.Client.LocalEndPoint!).Address;
        var passive = new TcpListener(local, 0);
        passive.Start();
        var endPoint = (IPEndPoint)passive.LocalEndpoint;
        byte[] octets = endPoint.Address.GetAddressBytes(); // expect: DSG0004
        return $"227 Entering Passive Mode ({octets[0]},{octets[1]},{octets[2]},{octets[3]},{endPoint.Port >> 8},{endPoint.Port & 255})";
    }
}
