using System;
using System.Net;
using System.Net.Sockets;

namespace Labeled.EmptyHost;

/// <summary>A host from the environment, possibly empty, parsed in the constructor and bound in Start.</summary>
public sealed class AdminListener
{
    private readonly IPAddress _address;

    public AdminListener() => _address = IPAddress.Parse(Environment.GetEnvironmentVariable("ADMIN_HOST") ?? ""); // expect: DSG0003

    public TcpListener Start(int port)
    {
        var listener = new TcpListener(_address, port);
        listener.Start();
        return listener;
    }
}
