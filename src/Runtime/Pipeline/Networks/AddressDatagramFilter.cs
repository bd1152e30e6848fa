namespace DualStackGen;

/// <summary>The allow/deny filter of UDP servers, on each datagram's normalized sender; the runner logs and counts a drop.</summary>
internal sealed class AddressDatagramFilter(AddressRules rules) : IUdpDatagramFilter
{
    public StepVerdict Filter(UdpDatagram datagram)
        => rules.Refusal(datagram.RemoteEndPoint.Address) is { } reason ? StepVerdict.Refuse(reason) : StepVerdict.Continue;
}
