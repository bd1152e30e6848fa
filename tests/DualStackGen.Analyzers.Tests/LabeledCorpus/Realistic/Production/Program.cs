using System;
using System.Net;
using System.Net.Sockets;
using Realistic.Hosting;

// A console server's entry point in top-level statements.
int port = args.Length > 0 ? int.Parse(args[0]) : 5000;
var listener = new TcpListener(IPAddress.Any, port); // expect: DSG0002
listener.Start();
Console.WriteLine($"Listening on {listener.LocalEndpoint}");
ServerHost host = Startup.Configure(port + 1, port + 2);
host.Start();
using TcpClient first = await listener.AcceptTcpClientAsync();
Console.WriteLine("first client: " + first.Client.RemoteEndPoint);
