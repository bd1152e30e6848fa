using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Ftp;

public sealed class FtpServerSettings
{
    public IPAddress? PassiveAddress { get; set; }

    public int PassivePortMin { get; set; } = 50000;

    public int PassivePortMax { get; set; } = 50100;

    public int MaxConnectionsPerAddress { get; set; } = 4;
}

/// <summary>A pool of passive-mode data listeners, one port at a time out of the configured range.</summary>
public sealed class PassiveListenerPool
{
    private readonly IPAddress _listenAddress;
    private readonly Queue<int> _freePorts = new();

    public PassiveListenerPool(FtpServerSettings settings)
    {
        _listenAddress = settings.PassiveAddress ?? IPAddress.Any; // expect: DSG0002
        for (int port = settings.PassivePortMin; port <= settings.PassivePortMax; port++)
        {
            _freePorts.Enqueue(port);
        }
    }

    public TcpListener? Rent()
    {
        while (_freePorts.TryDequeue(out int port))
        {
            var listener = new TcpListener(_listenAddress, port);
            try
            {
                listener.Start(1);
                return listener;
            }
            catch (SocketException)
            {
                listener.Stop();
            }
        }

        return null;
    }

    public void Return(TcpListener listener)
    {
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _freePorts.Enqueue(port);
    }
}

/// <summary>The control-connection side: a passive listener on the address the client reached us on.</summary>
public sealed class FtpControlSession
{
    private readonly Socket _control;

    public FtpControlSession(Socket control) => _control = control;

    public TcpListener OpenPassiveOnControlAddress()
    {
        IPAddress local = ((IPEndPoint)_control.LocalEndPoint!).Address;
        var listener = new TcpListener(local, 0);
        listener.Start(1);
        return listener;
    }
}

/// <summary>The FTP server's front door and its per-client connection limit.</summary>
public sealed class FtpServerHost
{
    private readonly ConcurrentDictionary<IPAddress, int> _connectionsPerAddress = new();
    private readonly FtpServerSettings _settings;
    private TcpListener? _listener;

    public FtpServerHost(FtpServerSettings settings) => _settings = settings;

    public void Start(int port)
    {
        _listener = TcpListener.Create(port);
        _listener.Start();
    }

    public bool Admit(Socket accepted)
    {
        IPAddress remote = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
        int count = _connectionsPerAddress.AddOrUpdate(remote, 1, (_, current) => current + 1); // expect: DSG0004
        return count <= _settings.MaxConnectionsPerAddress;
    }
}
