using System.Net;
using System.Net.Sockets;

namespace Labeled.InterfaceBehaviour;

/// <summary>The server reads its address through the behaviour's interface; the default behaviour's getter computes it.</summary>
public interface IMailBehaviour
{
    IPAddress Address { get; }

    int Port { get; }
}

public class DefaultMailBehaviour : IMailBehaviour
{
    public virtual IPAddress Address
    {
        get { return IPAddress.Any; } // expect: DSG0002
    }

    public virtual int Port => 25;
}

public sealed class MailServer
{
    private readonly IMailBehaviour _behaviour;
    private TcpListener? _listener;

    public MailServer(IMailBehaviour behaviour) => _behaviour = behaviour;

    public void Start()
    {
        _listener = new TcpListener(_behaviour.Address, _behaviour.Port);
        _listener.Start();
    }
}
