using System.Net;
using System.Net.Sockets;

namespace Labeled.InterfaceStarted;

/// <summary>The endpoint reaches the listener through the server's interface; the host is an options text nobody checks.</summary>
public interface IViewer
{
    void Start(IPEndPoint endPoint);
}

public sealed class Viewer : IViewer
{
    private TcpListener? _listener;

    public void Start(IPEndPoint endPoint)
    {
        _listener = new TcpListener(endPoint);
        _listener.Start();
    }
}

public sealed class ViewerSettings
{
    public string Host { get; set; } = "::";

    public int Port { get; set; } = 5900;
}

public sealed class ViewerHost
{
    private readonly IViewer _viewer;
    private readonly ViewerSettings _settings;

    public ViewerHost(IViewer viewer, ViewerSettings settings)
    {
        _viewer = viewer;
        _settings = settings;
    }

    public void Run() => _viewer.Start(new IPEndPoint(IPAddress.Parse(_settings.Host), _settings.Port)); // expect: DSG0003
}
