namespace Labeled.SplitArray;

/// <summary>Split(':') with the port parsed.</summary>
public static class PeerList
{
    public static int PortOf(string peer)
    {
        string[] parts = peer.Split(':'); // expect: DSG0007
        return int.Parse(parts[1]);
    }
}
