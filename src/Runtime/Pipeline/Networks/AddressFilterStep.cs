using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// The allow/deny step of TCP servers: runs after the PROXY step, so behind a trusted proxy it judges the client's
/// address, not the proxy's. A refusal is logged and counted by the runner.
/// </summary>
internal sealed class AddressFilterStep(AddressRules rules) : ITcpConnectionStep
{
    public ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken)
        => new(rules.Refusal(connection.RemoteEndPoint.Address) is { } reason ? StepVerdict.Refuse(reason) : StepVerdict.Continue);
}
