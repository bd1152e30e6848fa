using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Listening;

public sealed class BindFailureTests
{
    [Fact]
    public async Task A_port_in_use_names_the_endpoint_family_and_os_error()
    {
        using Socket occupier = ListenOn(IPAddress.IPv6Any, 0, v6Only: false);
        int port = ((IPEndPoint)occupier.LocalEndPoint!).Port;

        var error = await Assert.ThrowsAsync<ListenException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "::", Port = port, Mode = ListenMode.DualStack }));

        Assert.Contains($"Could not listen on host \"::\" port {port} (mode DualStack): binding [::]:{port} failed.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"[::]:{port} IPv6 V6ONLY=0: AddressAlreadyInUse (", error.Message, StringComparison.Ordinal);
        BindAttempt attempt = Assert.Single(error.Attempts);
        Assert.Equal(SocketError.AddressAlreadyInUse, attempt.Error);
        Assert.Equal(AddressFamily.InterNetworkV6, attempt.Family);
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task A_failure_after_a_successful_bind_closes_the_socket_already_bound()
    {
        // ::1:p is taken, 127.0.0.1:p is free: "localhost" binds 127.0.0.1:p first, then fails on ::1:p.
        using Socket occupier = ListenOn(IPAddress.IPv6Loopback, 0, v6Only: true);
        int port = ((IPEndPoint)occupier.LocalEndPoint!).Port;

        var error = await Assert.ThrowsAsync<ListenException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "localhost", Port = port }));

        Assert.Equal(
            [$"127.0.0.1:{port}: Success", $"[::1]:{port}: AddressAlreadyInUse"],
            error.Attempts.Select(a => $"{a.EndPoint}: {a.Error}"));
        Assert.Contains($"127.0.0.1:{port} IPv4: bound, then closed", error.Message, StringComparison.Ordinal);

        // Only possible if the listener bound by the failed start was closed again.
        using Socket rebound = ListenOn(IPAddress.Loopback, port, v6Only: null);
        Assert.Equal(port, ((IPEndPoint)rebound.LocalEndPoint!).Port);
    }

    [Fact]
    public async Task A_literal_that_is_not_on_this_machine_fails_with_address_not_available()
    {
        // 192.0.2.1 (TEST-NET-1) is never assigned here; binding it needs no traffic and must fail cleanly.
        var error = await Assert.ThrowsAsync<ListenException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "192.0.2.1" }));

        Assert.Contains("no endpoint could be bound", error.Message, StringComparison.Ordinal);
        Assert.Contains("192.0.2.1:0 IPv4: AddressNotAvailable (", error.Message, StringComparison.Ordinal);
    }

    internal static Socket ListenOn(IPAddress address, int port, bool? v6Only)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (v6Only is bool only)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, only ? 1 : 0);
        }

        socket.Bind(new IPEndPoint(address, port));
        socket.Listen();
        return socket;
    }
}
