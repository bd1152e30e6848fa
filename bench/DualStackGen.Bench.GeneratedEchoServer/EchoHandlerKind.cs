namespace DualStackGen.Bench.GeneratedEchoServer;

/// <summary>How the bench's generated echo server echoes.</summary>
public enum EchoHandlerKind
{
    /// <summary><c>connection.Stream.CopyToAsync(connection.Stream)</c>, as samples/EchoServer and the README do.</summary>
    Copy,

    /// <summary>The raw peer's receive/send loop over a 4 KiB buffer on <c>connection.Socket</c>.</summary>
    Socket,

    /// <summary>Reads and writes through <c>connection.Transport</c>, as Kestrel's connection handler does.</summary>
    Transport,
}
