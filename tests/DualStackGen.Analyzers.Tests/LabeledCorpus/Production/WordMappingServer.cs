using System.Net;
using System.Net.Sockets;

namespace Labeled.WordMapping;

/// <summary>Several constructors map host words to an address field; Start binds it.</summary>
public sealed class WordMappingServer
{
    private readonly IPAddress _ipAddress;
    private readonly int _port;
    private TcpListener? _listener;

    public WordMappingServer(int port)
        : this("*", port)
    {
    }

    public WordMappingServer(string host, int port)
    {
        _port = port;
        if (host == "*" || host == "+" || host == "" || host == "0.0.0.0" || host == "any")
        {
            _ipAddress = IPAddress.Any; // expect: DSG0002
        }
        else if (host == "localhost" || host == "127.0.0.1" || host == "::1")
        {
            _ipAddress = IPAddress.Loopback; // expect: DSG0006
        }
        else
        {
            _ipAddress = Dns.GetHostEntry(host).AddressList[0]; // expect: DSG0008
        }
    }

    public void Start()
    {
        _listener = new TcpListener(_ipAddress, _port);
        _listener.Start();
    }
}
