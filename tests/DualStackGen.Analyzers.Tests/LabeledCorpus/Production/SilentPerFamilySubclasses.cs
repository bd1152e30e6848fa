using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Labeled.PerFamilySubclasses;

/// <summary>One listener class; a subclass per family hands the base its wildcard, and the server starts both.</summary>
public abstract class PageListener
{
    private readonly IPAddress _address;
    private readonly int _port;

    protected PageListener(int port, IPAddress address)
    {
        _port = port;
        _address = address;
    }

    public TcpListener Open()
    {
        var listener = new TcpListener(_address, _port);
        listener.Start();
        return listener;
    }
}

public sealed class PageListenerV4 : PageListener
{
    public PageListenerV4(int port)
        : base(port, IPAddress.Any)
    {
    }
}

public sealed class PageListenerV6 : PageListener
{
    public PageListenerV6(int port)
        : base(port, IPAddress.IPv6Any)
    {
    }
}

public sealed class PageServer
{
    private readonly List<PageListener> _listeners = new();

    public PageServer(int port, bool ipv4, bool ipv6)
    {
        if (ipv4)
        {
            _listeners.Add(new PageListenerV4(port));
        }

        if (ipv6)
        {
            _listeners.Add(new PageListenerV6(port));
        }
    }
}
