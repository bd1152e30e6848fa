using System;
using System.Net;

namespace HeldOut.Listening.AsyncServer;

/// <summary>A chat server on every IPv4 address, as the samples of such libraries write it.</summary>
public sealed class ChatServer : TcpServerBase
{
    public ChatServer(int port)
        : base(IPAddress.Any, port) // expect: DSG0002
    {
    }

    protected override void OnStarted() => Console.WriteLine($"Chat server started on {Endpoint}");
}

/// <summary>[::] without the base's dual-mode option: IPv6 clients only.</summary>
public sealed class EchoServerV6 : TcpServerBase
{
    public EchoServerV6(int port)
        : base(IPAddress.IPv6Any, port) // expect: DSG0009
    {
        OptionReuseAddress = true;
    }
}

/// <summary>[::] with the dual-mode option turned on: both families.</summary>
public sealed class EchoServerDual : TcpServerBase
{
    public EchoServerDual(int port)
        : base(IPAddress.IPv6Any, port)
    {
        OptionDualMode = true;
    }
}

/// <summary>A derived server that takes the address as text from its host.</summary>
public sealed class TextAddressServer : TcpServerBase
{
    public TextAddressServer(string address, int port)
        : base(address, port)
    {
    }
}
