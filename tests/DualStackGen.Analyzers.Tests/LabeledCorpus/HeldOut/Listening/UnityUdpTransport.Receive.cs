using System;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Unity;

/// <summary>The other half of the transport: polled every frame.</summary>
public partial class UdpTransport
{
    public event Action<EndPoint, ArraySegment<byte>>? DataReceived;

    public void Update()
    {
        if (_socket is null)
        {
            return;
        }

        var buffer = new byte[MaxMessageSize];
        while (_socket.Poll(0, SelectMode.SelectRead))
        {
            int length = _socket.ReceiveFrom(buffer, ref _receiveFrom);
            DataReceived?.Invoke(_receiveFrom, new ArraySegment<byte>(buffer, 0, length));
        }
    }

    public void Send(EndPoint to, byte[] payload) => _socket?.SendTo(payload, to);
}
