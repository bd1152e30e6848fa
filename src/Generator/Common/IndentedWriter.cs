using System.Text;

namespace DualStackGen.Generator.Common;

/// <summary>Writes C# text line by line, four spaces per level, with <c>\n</c> line ends on every OS.</summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _text = new();
    private int _depth;

    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _depth; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
    }

    public void WriteLine() => _text.Append('\n');

    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _depth++;
    }

    public void CloseBlock(string closing = "}")
    {
        _depth--;
        WriteLine(closing);
    }

    public void Indent() => _depth++;

    public void Unindent() => _depth--;

    public override string ToString() => _text.ToString();
}
