using System;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.AsyncServer;

/// <summary>An async TCP server base class: derived servers pick the address, the base binds it.</summary>
public class TcpServerBase : IDisposable
{
    private Socket? _acceptorSocket;

    public TcpServerBase(IPAddress address, int port)
        : this(new IPEndPoint(address, port))
    {
    }

    public TcpServerBase(string address, int port)
        : this(new IPEndPoint(IPAddress.Parse(address), port)) // expect: DSG0003
    {
    }

    public TcpServerBase(IPEndPoint endpoint) => Endpoint = endpoint;

    public IPEndPoint Endpoint { get; private set; }

    public bool OptionDualMode { get; set; }

    public bool OptionReuseAddress { get; set; }

    public int OptionAcceptorBacklog { get; set; } = 1024;

    public bool IsStarted { get; private set; }

    public virtual bool Start()
    {
        if (IsStarted)
        {
            return false;
        }

        _acceptorSocket = CreateSocket();
        _acceptorSocket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, OptionReuseAddress);
        if (_acceptorSocket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            _acceptorSocket.DualMode = OptionDualMode;
        }

        _acceptorSocket.Bind(Endpoint);
        Endpoint = (IPEndPoint)_acceptorSocket.LocalEndPoint!;
        OnStarting();
        _acceptorSocket.Listen(OptionAcceptorBacklog);
        IsStarted = true;
        OnStarted();
        return true;
    }

    protected virtual Socket CreateSocket() => new Socket(Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    protected virtual void OnStarting()
    {
    }

    protected virtual void OnStarted()
    {
    }

    public void Dispose() => _acceptorSocket?.Dispose();
}
