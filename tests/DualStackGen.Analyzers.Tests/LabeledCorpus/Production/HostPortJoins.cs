using System;
using System.Net;

namespace Labeled.Joins;

/// <summary>Every spelling of the same join.</summary>
public static class EndPointNames
{
    public static string Interpolated(string host, int port) => $"{host}:{port}"; // expect: DSG0007

    public static string Concatenated(string host, int port) => host + ":" + port; // expect: DSG0007

    public static string Concat(string serverHost, int port) => string.Concat(serverHost, ":", port.ToString()); // expect: DSG0007

    public static string Formatted(IPAddress address, int port) => string.Format("{0}:{1}", address, port); // expect: DSG0007

    public static Uri Url(string host, int port) => new Uri("http://" + host + ":" + port + "/"); // expect: DSG0007
}
