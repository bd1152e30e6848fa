using System.IO.Pipelines;

namespace DualStackGen;

/// <summary>A reader and a writer over one connection's stream, as <see cref="TcpConnection.Transport"/>.</summary>
internal sealed class StreamDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
