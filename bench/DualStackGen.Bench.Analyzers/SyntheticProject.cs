using System.Collections.Immutable;
using System.Globalization;

namespace DualStackGen.Bench.Analyzers;

/// <summary>
/// A generated project of ordinary application code where one file in five holds socket code in the shapes real servers
/// use: a constructor mapping host words to an address field and a Start that binds it, an options class defaulting to
/// IPAddress.Any, a helper returning an endpoint, peers compared and logged as text, first DNS answers connected to.
/// </summary>
internal static class SyntheticProject
{
    public static ImmutableArray<(string Path, string Source)> Files(int count, int socketFilePercent)
    {
        var files = ImmutableArray.CreateBuilder<(string, string)>(count);
        int socketEvery = socketFilePercent <= 0 ? int.MaxValue : 100 / socketFilePercent;
        for (int i = 0; i < count; i++)
        {
            bool socket = i % socketEvery == 0;
            files.Add((string.Create(CultureInfo.InvariantCulture, $"/bench/File{i:D4}.cs"), socket ? SocketFile(i) : ApplicationFile(i)));
        }

        return files.MoveToImmutable();
    }

    private static string ApplicationFile(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        namespace App.Module{{i % 40}};

        public sealed record Order{{i}}(int Id, string Customer, decimal Amount, DateTimeOffset PlacedAt);

        public enum OrderState{{i}} { New, Paid, Shipped, Cancelled }

        public interface IOrderStore{{i}}
        {
            Task<IReadOnlyList<Order{{i}}>> LoadAsync(string customer, CancellationToken cancellationToken);
        }

        public sealed class OrderService{{i}}
        {
            private readonly IOrderStore{{i}} _store;
            private readonly Dictionary<int, OrderState{{i}}> _states = new();

            public OrderService{{i}}(IOrderStore{{i}} store) => _store = store ?? throw new ArgumentNullException(nameof(store));

            public async Task<decimal> TotalAsync(string customer, CancellationToken cancellationToken)
            {
                IReadOnlyList<Order{{i}}> orders = await _store.LoadAsync(customer, cancellationToken).ConfigureAwait(false);
                return orders.Where(o => StateOf(o.Id) != OrderState{{i}}.Cancelled).Sum(o => o.Amount);
            }

            public OrderState{{i}} StateOf(int id) => _states.TryGetValue(id, out OrderState{{i}} state) ? state : OrderState{{i}}.New;

            public void Advance(int id)
            {
                _states[id] = StateOf(id) switch
                {
                    OrderState{{i}}.New => OrderState{{i}}.Paid,
                    OrderState{{i}}.Paid => OrderState{{i}}.Shipped,
                    var other => other,
                };
            }

            public string Describe(IEnumerable<Order{{i}}> orders)
            {
                var text = new StringBuilder();
                foreach (Order{{i}} order in orders.OrderBy(o => o.PlacedAt).ThenBy(o => o.Id))
                {
                    text.Append(order.Id).Append(": ").Append(order.Customer).Append(' ').Append(order.Amount.ToString("0.00")).AppendLine();
                }

                return text.ToString();
            }

            public static IEnumerable<(string Customer, decimal Total)> Largest(IEnumerable<Order{{i}}> orders, int top) =>
                orders.GroupBy(o => o.Customer)
                    .Select(g => (g.Key, g.Sum(o => o.Amount)))
                    .OrderByDescending(t => t.Item2)
                    .Take(top);
        }
        """;

    private static string SocketFile(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net;
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;

        namespace App.Network{{i % 20}};

        public sealed class ListenerOptions{{i}}
        {
            public IPAddress LocalAddress { get; set; } = IPAddress.Any;

            public int Port { get; set; } = {{8000 + i % 1000}};
        }

        public sealed class Server{{i}}
        {
            private readonly IPAddress _address;
            private readonly int _port;
            private readonly HashSet<IPAddress> _banned = new() { IPAddress.Parse("10.0.0.{{i % 250}}") };
            private TcpListener? _listener;

            public Server{{i}}(string host, int port)
            {
                if (host == "*" || host == "+" || host == "" || host == "0.0.0.0")
                {
                    _address = IPAddress.Any;
                }
                else if (host == "localhost")
                {
                    _address = IPAddress.Loopback;
                }
                else
                {
                    _address = Dns.GetHostEntry(host).AddressList[0];
                }

                _port = port;
            }

            public Server{{i}}(ListenerOptions{{i}} options)
                : this(options.LocalAddress.ToString(), options.Port)
            {
            }

            public void Start()
            {
                _listener = new TcpListener(_address, _port);
                _listener.Start();
            }

            public async Task ServeAsync(CancellationToken cancellationToken)
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    Socket accepted = await _listener!.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
                    var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                    if (_banned.Contains(remote.Address))
                    {
                        accepted.Dispose();
                        continue;
                    }

                    Console.WriteLine(remote.Address + ":" + remote.Port + " connected");
                }
            }

            public static IPEndPoint ToEndPoint(string text)
            {
                int colon = text.LastIndexOf(':');
                return new IPEndPoint(IPAddress.Parse(text.Substring(0, colon)), int.Parse(text.Substring(colon + 1)));
            }

            public static UdpClient OpenDiscovery(int port) => new UdpClient(port);

            public static Socket Connect(string host, int port)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(Dns.GetHostAddresses(host).First(), port);
                return socket;
            }

            public static Socket BindAny(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return socket;
            }
        }
        """;
}
