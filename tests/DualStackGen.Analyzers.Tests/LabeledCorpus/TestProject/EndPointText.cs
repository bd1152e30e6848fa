namespace Labeled.Tests.Text;

/// <summary>Test data written as host:port text.</summary>
public static class Addresses
{
    public static string Of(string host, int port) => $"{host}:{port}"; // expect-when-analyzed: DSG0007
}
