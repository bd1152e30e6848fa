using System;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Realistic.Tests;

/// <summary>An xunit fixture that starts a server on every IPv4 address for the tests of one class.</summary>
public sealed class ServerFixture : IDisposable
{
    public ServerFixture()
    {
        Listener = new TcpListener(IPAddress.Any, 0); // expect-when-analyzed: DSG0002
        Listener.Start();
    }

    public TcpListener Listener { get; }

    public void Dispose() => Listener.Stop();
}

public sealed class ServerTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public ServerTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public void Accepts_a_client()
    {
        int port = ((IPEndPoint)_fixture.Listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        Assert.True(client.Connected);
    }
}
