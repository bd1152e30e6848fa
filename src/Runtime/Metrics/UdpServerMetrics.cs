using System.Diagnostics;
using System.Net;

namespace DualStackGen;

/// <summary>
/// Records one <see cref="UdpServerRunner"/>'s datagrams, once each. Nothing is allocated or computed for an
/// instrument nobody listens to.
/// </summary>
internal sealed class UdpServerMetrics
{
    private const string Transport = "udp";

    private readonly ServerInstruments _instruments;
    private readonly string _serverName;

    public UdpServerMetrics(ServerInstruments instruments, string serverName)
    {
        _instruments = instruments;
        _serverName = serverName;
    }

    /// <summary>Records a datagram taken off a socket.</summary>
    /// <param name="sender">The sender's address, normalized or not.</param>
    public void DatagramReceived(IPAddress sender)
    {
        if (_instruments.DatagramsReceived.Enabled)
        {
            _instruments.DatagramsReceived.Add(1, ServerInstruments.PeerTags(_serverName, Transport, sender));
        }
    }

    /// <summary>Records a datagram that was not served.</summary>
    /// <param name="sender">The sender's address, normalized or not.</param>
    /// <param name="errorType">Why: the handler's exception type, or <see cref="ServerMetricNames.DatagramTooLargeErrorType"/>.</param>
    public void DatagramFailed(IPAddress sender, string errorType)
    {
        if (_instruments.DatagramsFailed.Enabled)
        {
            TagList tags = ServerInstruments.PeerTags(_serverName, Transport, sender);
            tags.Add(ServerMetricNames.ErrorTypeTag, errorType);
            _instruments.DatagramsFailed.Add(1, tags);
        }
    }
}
