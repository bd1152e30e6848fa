using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DualStackGen.Bench.Analyzers;

/// <summary>
/// One method of N statements, repeating one pattern a rule inspects: the shapes where a rule that rescans the method
/// per operation, or follows every value back through every earlier statement, turns quadratic or worse.
/// </summary>
internal sealed record MethodShape(string Name, string Description, Func<int, string> Statement)
{
    public static IReadOnlyList<MethodShape> All { get; } =
    [
        new("parse-listen", "IPAddress.Parse(host) + new TcpListener(address, port)", i => i % 2 == 0
            ? $"IPAddress a{i} = IPAddress.Parse(hosts[{i % 8}]);"
            : $"listeners.Add(new TcpListener(a{i - 1}, 8000 + {i % 100}));"),
        new("dualmode-after-bind", "new Socket(InterNetworkV6) + Bind + DualMode = true", i => (i % 3) switch
        {
            0 => $"Socket s{i} = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);",
            1 => $"s{i - 1}.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));",
            _ => $"s{i - 2}.DualMode = true;",
        }),
        new("host-port-text", "host + \":\" + port, $\"{host}:{port}\", string.Format, Substring at ':'", i => (i % 4) switch
        {
            0 => $"texts.Add(hosts[{i % 8}] + \":\" + port);",
            1 => $"texts.Add($\"{{hosts[{i % 8}]}}:{{port}}\");",
            2 => $"texts.Add(string.Format(\"{{0}}:{{1}}\", hosts[{i % 8}], port));",
            _ => $"texts.Add(hosts[{i % 8}].Substring(0, hosts[{i % 8}].LastIndexOf(':')));",
        }),
        new("remote-compare", "accepted.RemoteEndPoint address compared, family-checked, used as a key", i => (i % 3) switch
        {
            0 => $"IPEndPoint r{i} = (IPEndPoint)peers[{i % 8}].RemoteEndPoint!;",
            1 => $"flags.Add(r{i - 1}.Address.Equals(IPAddress.Loopback));",
            _ => $"flags.Add(r{i - 2}.AddressFamily == AddressFamily.InterNetwork);",
        }),
        new("dns-first-connect", "Dns.GetHostAddresses(host)[0] + Connect", i => i % 2 == 0
            ? $"IPAddress d{i} = Dns.GetHostAddresses(hosts[{i % 8}])[0];"
            : $"peers[{i % 8}].Connect(d{i - 1}, port);"),
        new("empty-host-resolve", "a host from configuration resolved and bound", i => (i % 3) switch
        {
            0 => $"string h{i} = hosts[{i % 8}];",
            1 => $"IPAddress[] e{i} = Dns.GetHostAddresses(h{i - 1});",
            _ => $"listeners.Add(new TcpListener(e{i - 1}[0], port));",
        }),
        new("ipv4-sockets", "new Socket(InterNetwork) bound to IPAddress.Any, new UdpClient(port), loopback listeners", i => (i % 4) switch
        {
            0 => $"Socket v{i} = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);",
            1 => $"v{i - 1}.Bind(new IPEndPoint(IPAddress.Any, 9000 + {i % 100}));",
            2 => $"udps.Add(new UdpClient(7000 + {i % 100}));",
            _ => $"listeners.Add(new TcpListener(IPAddress.Loopback, 6000 + {i % 100}));",
        }),
    ];

    /// <summary>A compilation unit with one method of <paramref name="statements"/> statements of this shape.</summary>
    public string Source(int statements)
    {
        var source = new StringBuilder();
        source.AppendLine("""
            using System.Collections.Generic;
            using System.Net;
            using System.Net.Sockets;

            public sealed class LongMethod
            {
                public void Run(string[] hosts, int port, Socket[] peers)
                {
                    var listeners = new List<TcpListener>();
                    var udps = new List<UdpClient>();
                    var texts = new List<string>();
                    var flags = new List<bool>();
            """);
        for (int i = 0; i < statements; i++)
        {
            source.Append("        ").AppendLine(Statement(i));
        }

        source.AppendLine("    }").AppendLine("}");
        return source.ToString();
    }

    public static MethodShape Named(string name) =>
        All.FirstOrDefault(shape => shape.Name == name) ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"no method shape named '{name}'"), nameof(name));
}
