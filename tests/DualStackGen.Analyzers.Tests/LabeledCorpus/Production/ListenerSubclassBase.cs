using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Labeled.ListenerSubclassBase;

/// <summary>A status-report receiver that is a UdpClient itself, bound by its base constructor.</summary>
public sealed class StatusReceiver : UdpClient
{
    public StatusReceiver(int port)
        : base(port) // expect: DSG0002
    {
    }

    public async Task<string> NextAsync()
    {
        UdpReceiveResult result = await ReceiveAsync();
        return System.Text.Encoding.UTF8.GetString(result.Buffer);
    }
}

/// <summary>A control-port listener whose callers choose the address.</summary>
public sealed class ControlListener : TcpListener
{
    public ControlListener(IPAddress address, int port)
        : base(address, port)
    {
    }

    public static ControlListener OnEveryInterface(int port)
    {
        var listener = new ControlListener(IPAddress.Any, port); // expect: DSG0002
        listener.Start();
        return listener;
    }
}

/// <summary>The IPv6 side of a telemetry feed, with no DualMode before its base binds.</summary>
public sealed class TelemetryReceiver : UdpClient
{
    public TelemetryReceiver(int port)
        : base(new IPEndPoint(IPAddress.IPv6Any, port)) // expect: DSG0009
    {
    }
}

/// <summary>Silent: a dual-mode listener subclass that sets DualMode before Start.</summary>
public sealed class DualModeListener : TcpListener
{
    public DualModeListener(int port)
        : base(IPAddress.IPv6Any, port)
    {
        Server.DualMode = true;
    }
}
