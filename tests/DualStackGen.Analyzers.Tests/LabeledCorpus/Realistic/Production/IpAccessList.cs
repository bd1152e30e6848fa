using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Realistic.Acl;

/// <summary>An allow list parsed from configuration text; entries that do not parse are skipped and logged.</summary>
public sealed class IpAccessList
{
    private readonly HashSet<IPAddress> _allowed = new();

    public IpAccessList(IEnumerable<string> entries)
    {
        foreach (string entry in entries)
        {
            if (IPAddress.TryParse(entry.Trim(), out IPAddress? address))
            {
                _allowed.Add(address);
            }
            else
            {
                Console.WriteLine($"ignoring ACL entry '{entry}'");
            }
        }
    }

    public bool IsAllowed(IPAddress remote) => _allowed.Contains(remote); // expect: DSG0004
}

/// <summary>A dual-mode listener checking each accepted client against the list.</summary>
public sealed class GuardedListener
{
    private readonly IpAccessList _acl;
    private readonly TcpListener _listener;

    public GuardedListener(IpAccessList acl, int port)
    {
        _acl = acl;
        _listener = TcpListener.Create(port);
    }

    public async Task RunAsync()
    {
        _listener.Start();
        while (true)
        {
            Socket client = await _listener.AcceptSocketAsync();
            var remote = (IPEndPoint)client.RemoteEndPoint!;
            if (!_acl.IsAllowed(remote.Address))
            {
                Console.WriteLine($"rejected {remote}");
                client.Dispose();
                continue;
            }

            Console.WriteLine($"accepted {remote.Address}");
        }
    }
}
