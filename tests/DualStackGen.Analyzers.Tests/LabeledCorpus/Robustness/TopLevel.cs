using System.Net;
using System.Net.Sockets;

var port = 7;
var udp = new UdpClient(port);
var t = new TcpListener(IPAddress.Any, port) { ExclusiveAddressUse = true };
t.Server.DualMode = true;
string s = $"{IPAddress.Any}:{port}";
Local(t);
static void Local(TcpListener l) { l.Start(); l.Server.DualMode = false; }
