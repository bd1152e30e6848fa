using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>The log messages of systemd socket activation and SO_REUSEPORT (15x, with the listening ones).</summary>
internal static partial class Log
{
    [LoggerMessage(150, LogLevel.Information, "Adopted {EndPoints} from socket activation (LISTEN_FDS) instead of binding (host \"{Host}\", mode {Mode})")]
    public static partial void AdoptedInheritedSockets(ILogger logger, string endPoints, string host, ListenMode mode);

    [LoggerMessage(151, LogLevel.Debug, "Socket activation passed {Count} descriptor(s): {Sockets}; LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES removed from the environment")]
    public static partial void InheritedSocketsRead(ILogger logger, int count, string sockets);

    [LoggerMessage(152, LogLevel.Warning, "Socket activation: descriptor {Descriptor} (\"{Name}\") is not used: {Reason}")]
    public static partial void InheritedDescriptorIgnored(ILogger logger, int descriptor, string name, string reason);

    [LoggerMessage(153, LogLevel.Warning, "LISTEN_FDS is set, but {Reason}; binding as usual")]
    public static partial void SocketActivationIgnored(ILogger logger, string reason);

    [LoggerMessage(155, LogLevel.Warning, "Socket activation: {Reason}")]
    public static partial void InheritedNamesIgnored(ILogger logger, string reason);

    [LoggerMessage(154, LogLevel.Debug, "SO_REUSEPORT set on {EndPoint}: other processes that set it too share the port")]
    public static partial void ReusePortSet(ILogger logger, string endPoint);
}
