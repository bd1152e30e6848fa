using System;
using System.Net;
using System.Net.Http;
using System.Text;

namespace HeldOut.Peers.Urls;

/// <summary>An admin API client and a seed announcer: host and port turned into text another component parses.</summary>
public sealed class AdminApiClient
{
    private readonly HttpClient _http = new();

    public AdminApiClient(string host, int port)
    {
        _http.BaseAddress = new Uri($"http://{host}:{port}/"); // expect: DSG0007
    }

    public static Uri StatusUri(IPAddress address, int port) => new UriBuilder("http", address.ToString(), port, "/status").Uri;

    public static Uri MetricsUri(string host, int port) => new UriBuilder(Uri.UriSchemeHttp, host, port) { Path = "metrics" }.Uri;
}

public static class SeedText
{
    public static IPEndPoint ParseSeed(IPAddress address, int port)
    {
        string seed = string.Format("{0}:{1}", address, port); // expect: DSG0007
        return IPEndPoint.Parse(seed);
    }

    public static string Announce(string advertisedHost, int port)
    {
        var builder = new StringBuilder("HELLO ");
        builder.Append(advertisedHost).Append(':').Append(port); // expect: DSG0007
        return builder.ToString();
    }

    public static string CacheConnectionString(string host, int port, string password)
        => string.Concat(host, ":", port.ToString(), ",password=", password); // expect: DSG0007

    public static string BracketedIfNeeded(IPAddress address, int port)
        => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    public static string Display(IPEndPoint endPoint) => endPoint.ToString();
}

/// <summary>Text that only reaches logs and exceptions.</summary>
public sealed class ListenerLog
{
    private readonly Action<string> _write;

    public ListenerLog(Action<string> write) => _write = write;

    public void Accepted(string host, int port) => _write($"accepted {host}:{port}");

    public void Listening(IPAddress address, int port) => Console.WriteLine($"listening on {address}:{port}");

    public void Refused(string host, int port) => throw new InvalidOperationException("connection to " + host + ":" + port + " refused");

    public void Debug(string host, int port) => System.Diagnostics.Debug.WriteLine(string.Format("resolving {0}:{1}", host, port));
}
