namespace Labeled.SplitLast;

/// <summary>host:port split at the last ':' ([::1]:80 becomes "[:" and "1]:80" parts elsewhere).</summary>
public static class EndPointText
{
    public static (string Host, int Port) Split(string text)
    {
        int colon = text.LastIndexOf(':'); // expect: DSG0007
        return (text.Substring(0, colon), int.Parse(text.Substring(colon + 1)));
    }
}
