using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

// Usage: LegacyListener [port] [admin-host]. Port 0 lets the OS pick; the admin host also comes from LEGACY_ADMIN_HOST.
int port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7000;
string adminHost = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("LEGACY_ADMIN_HOST") ?? "";

var listener = new TcpListener(IPAddress.Any, port);
listener.Start();

using var status = new UdpClient(port);

using var admin = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
IPAddress adminAddress = IPAddress.Parse(adminHost);
admin.Bind(new IPEndPoint(adminAddress, 0));
admin.Listen();

Console.WriteLine($"Legacy listener on port {((IPEndPoint)listener.LocalEndpoint).Port}, status on UDP {((IPEndPoint)status.Client.LocalEndPoint!).Port}");

_ = Task.Run(async () =>
{
    while (true)
    {
        UdpReceiveResult datagram = await status.ReceiveAsync();
        await status.SendAsync(Encoding.UTF8.GetBytes("up"), datagram.RemoteEndPoint);
    }
});

while (true)
{
    TcpClient client = await listener.AcceptTcpClientAsync();
    _ = Task.Run(async () =>
    {
        using (client)
        {
            var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
            bool isLocal = remote.Address.Equals(IPAddress.Loopback);
            Console.WriteLine($"client {remote.Address} local={isLocal}");
            using var reader = new StreamReader(client.GetStream());
            await using var writer = new StreamWriter(client.GetStream()) { AutoFlush = true };
            string? line = await reader.ReadLineAsync();
            await writer.WriteLineAsync(line);
        }
    });
}
