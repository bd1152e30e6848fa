using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Metrics;

public sealed class UdpServerMetricsTests
{
    private const string NetworkType = ServerMetricNames.NetworkTypeTag;

    [Fact]
    public async Task Each_datagram_is_counted_under_the_family_of_its_normalized_sender()
    {
        string name = ServerMeasurements.UniqueServerName("Families");
        using var measurements = new ServerMeasurements(name);
        await using var runner = new UdpServerRunner(name, new UdpServerOptions { Host = "::", Mode = ListenMode.DualStack }, EchoAsync);
        await runner.StartAsync();
        int port = Assert.Single(runner.LocalEndPoints).Port;

        foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using Socket client = BoundClient(address);
            Assert.Equal("ping", await RoundTripAsync(client, new IPEndPoint(address, port), "ping"));
        }

        Assert.Equal(2, measurements.Sum(ServerMetricNames.DatagramsReceived, NetworkType, "ipv4"));
        Assert.Equal(1, measurements.Sum(ServerMetricNames.DatagramsReceived, NetworkType, "ipv6"));
        Assert.All(measurements.Of(ServerMetricNames.DatagramsReceived), m => Assert.Equal("udp", m.Tag(ServerMetricNames.NetworkTransportTag)));
        Assert.Empty(measurements.Of(ServerMetricNames.DatagramsFailed));
    }

    [Fact]
    public async Task A_throwing_handler_and_an_oversized_datagram_are_counted_as_failed_with_why()
    {
        string name = ServerMeasurements.UniqueServerName("Failures");
        using var measurements = new ServerMeasurements(name);
        await using var runner = new UdpServerRunner(name, new UdpServerOptions { Host = "::", MaxDatagramSize = 8 }, async (datagram, cancellationToken) =>
        {
            if (datagram.Payload.Span.SequenceEqual("boom"u8))
            {
                throw new InvalidDataException("handler bug");
            }

            await EchoAsync(datagram, cancellationToken);
        });
        await runner.StartAsync();
        var server = new IPEndPoint(IPAddress.IPv6Loopback, runner.LocalEndPoints[0].Port);
        using Socket client = BoundClient(IPAddress.IPv6Loopback);

        await client.SendToAsync("boom"u8.ToArray(), server);
        await client.SendToAsync(new byte[32], server);

        // One socket handles its datagrams in order: once this one is echoed, the two before it have been counted.
        Assert.Equal("ok", await RoundTripAsync(client, server, "ok"));
        Assert.Equal(3, measurements.Sum(ServerMetricNames.DatagramsReceived, NetworkType, "ipv6"));
        Assert.Equal(
            [ServerMetricNames.DatagramTooLargeErrorType, typeof(InvalidDataException).FullName],
            measurements.Of(ServerMetricNames.DatagramsFailed).Select(m => (string?)m.Tag(ServerMetricNames.ErrorTypeTag)).Order());
        Assert.All(measurements.Of(ServerMetricNames.DatagramsFailed), m => Assert.Equal("ipv6", m.Tag(NetworkType)));
    }

    private static async ValueTask EchoAsync(UdpDatagram datagram, CancellationToken cancellationToken)
        => await datagram.ReplyAsync(datagram.Payload, cancellationToken);

    private static Socket BoundClient(IPAddress address)
    {
        var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(address, 0));
        return client;
    }

    private static async Task<string> RoundTripAsync(Socket client, IPEndPoint server, string text)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        await client.SendToAsync(Encoding.ASCII.GetBytes(text), server, timeout.Token);
        byte[] buffer = new byte[64];
        int received = await client.ReceiveAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, received);
    }
}
