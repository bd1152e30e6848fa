namespace DualStackGen.Generator.Servers;

/// <summary>The names of the server pipeline's steps, as the incrementality tests look them up.</summary>
internal static class TrackingNames
{
    public const string TcpServerClasses = nameof(TcpServerClasses);
    public const string UdpServerClasses = nameof(UdpServerClasses);
    public const string TcpServerDiagnostics = nameof(TcpServerDiagnostics);
    public const string UdpServerDiagnostics = nameof(UdpServerDiagnostics);
    public const string TcpServerSpecs = nameof(TcpServerSpecs);
    public const string UdpServerSpecs = nameof(UdpServerSpecs);
    public const string HostingAvailability = nameof(HostingAvailability);
    public const string HostingClashes = nameof(HostingClashes);
    public const string HintNameCollisions = nameof(HintNameCollisions);
    public const string OutputPlan = nameof(OutputPlan);
}
