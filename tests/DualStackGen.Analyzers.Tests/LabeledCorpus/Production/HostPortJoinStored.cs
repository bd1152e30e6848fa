using System.Net;

namespace Labeled.JoinStored;

/// <summary>The joined text is stored and sent to peers, who parse it.</summary>
public sealed class Announcement
{
    public string Address { get; private set; } = "";

    public void Set(IPAddress address, int port)
    {
        string text = $"{address}:{port}"; // expect: DSG0007
        Address = text;
    }
}
