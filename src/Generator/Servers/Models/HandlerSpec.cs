namespace DualStackGen.Generator.Servers.Models;

/// <summary>The user's handler method, as far as the generated dispatch needs to know it.</summary>
/// <param name="Name">OnConnectionAsync or OnDatagramAsync.</param>
/// <param name="IsStatic">Whether the handler is static (dispatched without capturing the instance).</param>
/// <param name="ReturnsValueTask">ValueTask is passed through; Task is wrapped in a ValueTask.</param>
internal sealed record HandlerSpec(string Name, bool IsStatic, bool ReturnsValueTask);
