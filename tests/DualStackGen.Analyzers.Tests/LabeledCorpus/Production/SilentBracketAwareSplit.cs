namespace Labeled.Silent.BracketSplit;

/// <summary>A split that handles [v6]:port first.</summary>
public static class Parser
{
    public static (string Host, int Port) Split(string text)
    {
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            return (text.Substring(1, close - 1), int.Parse(text.Substring(close + 2)));
        }

        int colon = text.LastIndexOf(':');
        return (text.Substring(0, colon), int.Parse(text.Substring(colon + 1)));
    }
}
