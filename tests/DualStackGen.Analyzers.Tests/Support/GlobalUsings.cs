namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>The global usings every test project gets, so test sources show only the code under test.</summary>
internal static class GlobalUsings
{
    public const string FileName = "GlobalUsings.cs";

    public const string Source = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Net;
        global using System.Net.Sockets;
        global using System.Threading.Tasks;
        """;
}
