using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using HeldOut.Listening.AsyncServer;
using HeldOut.Listening.Hosting;
using HeldOut.Listening.Receivers;
using HeldOut.Listening.WebSockets;

// A console entry point that starts the pieces the way a small server application does.
int port = args.Length > 0 ? int.Parse(args[0]) : 6000;

var main = TcpListener.Create(port);
main.Start();

using var status = new UdpClient(port + 1, AddressFamily.InterNetwork); // expect: DSG0002

using var admin = new TextAddressServer("0.0.0.0", port + 2); // expect: DSG0002
admin.Start();

using var chat = new ChatServer(port + 3);
chat.Start();

using var webSockets = new WebSocketServer("ws://0.0.0.0:" + (port + 4));
webSockets.Start();

using ServerHost host = new ServerHostBuilder()
    .ListenAnyIP(port + 5)
    .ListenLocalhost(port + 6)
    .ListenFrom(new ServerEndpointOptions { Host = "localhost", Port = port + 7 })
    .Build();
host.Start();

using var syslog = new SyslogReceiver();
_ = syslog.RunAsync(CancellationToken.None);

Console.WriteLine($"Started on {main.LocalEndpoint}");
