using System.Net;
using System.Net.Sockets;

namespace Labeled.ConstructorOwnField;

/// <summary>
/// A protocol handler with a parameterless constructor that binds the field's default and one that overwrites the
/// field before binding; the server passes its own default address to the second.
/// </summary>
internal sealed class RegisterHandler
{
    private readonly TcpListener _listener;
    private IPAddress _localAddress = IPAddress.Any; // expect: DSG0002

    public RegisterHandler(int port)
    {
        _listener = new TcpListener(LocalAddress, port);
        _listener.Start();
    }

    public RegisterHandler(IPAddress localAddress, int port)
    {
        _localAddress = localAddress;
        _listener = new TcpListener(LocalAddress, port);
        _listener.Start();
    }

    public IPAddress LocalAddress => _localAddress;
}

public sealed class RegisterServer
{
    private IPAddress _bindAddress = IPAddress.Any; // expect: DSG0002
    private RegisterHandler? _handler;

    public IPAddress BindAddress
    {
        get => _bindAddress;
        set => _bindAddress = value;
    }

    public void Listen(int port) => _handler = new RegisterHandler(BindAddress, port);
}
