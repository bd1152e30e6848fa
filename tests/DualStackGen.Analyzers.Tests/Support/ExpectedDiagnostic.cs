using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>A diagnostic a test expects: its id and the span it covers in its document.</summary>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span);
