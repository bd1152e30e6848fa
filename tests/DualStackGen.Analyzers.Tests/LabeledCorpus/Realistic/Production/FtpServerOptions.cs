using System.Net;

namespace Realistic.Ftp;

/// <summary>FTP server options: the address is text from configuration, empty meaning every address.</summary>
public sealed class FtpServerOptions
{
    public string? ServerAddress { get; set; }

    public int Port { get; set; } = 21;

    public int MaxActiveConnections { get; set; }

    public IPAddress? PasvAddress { get; set; }

    public int PasvMinPort { get; set; } = 50000;

    public int PasvMaxPort { get; set; } = 50100;
}
