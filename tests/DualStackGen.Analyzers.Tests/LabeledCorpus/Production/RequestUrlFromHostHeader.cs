using System;
using System.Net;
using System.Text;

namespace Labeled.RequestUrlFromHostHeader;

/// <summary>
/// An embedded HTTP server rebuilding the request URL: the Host header split at its first ':' into a local that held
/// the path split, and the URL appended piece by piece. "[::1]:8080" gives "[", and a listener address written
/// without brackets gives "http://::1:8080/".
/// </summary>
public sealed class RequestLine
{
    public string Path { get; private set; } = "/";

    public Uri? Url { get; private set; }

    public void Parse(string target, string? hostHeader, IPEndPoint listening)
    {
        string[] parts = target.Split(new[] { '?' }, 2);
        Path = parts[0];

        string host;
        string? port = null;
        if (hostHeader is not null)
        {
            parts = hostHeader.Split(new[] { ':' }, 2); // expect: DSG0007
            host = parts[0];
            if (parts.Length == 2)
            {
                port = parts[1];
            }
        }
        else
        {
            host = listening.Address.ToString();
            port = listening.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var url = new StringBuilder();
        url.Append("http://");
        url.Append(host);
        if (port is not null)
        {
            url.Append(':');
            url.Append(port); // expect: DSG0007
        }

        url.Append(Path);
        Url = new Uri(url.ToString());
    }
}
