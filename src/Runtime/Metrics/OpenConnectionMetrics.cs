namespace DualStackGen;

/// <summary>What <see cref="TcpServerMetrics"/> needs from a connection's accept to record its close.</summary>
/// <param name="AcceptedTimestamp">The <see cref="System.Diagnostics.Stopwatch"/> timestamp of the accept.</param>
/// <param name="CountedActive">Whether the accept added one to the active connections.</param>
internal readonly record struct OpenConnectionMetrics(long AcceptedTimestamp, bool CountedActive);
