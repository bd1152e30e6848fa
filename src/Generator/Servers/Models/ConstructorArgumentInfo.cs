namespace DualStackGen.Generator.Servers.Models;

/// <summary>One argument of the constructor the generated factory calls, taken from the service provider.</summary>
/// <param name="ParameterName">The parameter's name, passed as a named argument (so omitted optional ones need no placeholder).</param>
/// <param name="TypeName">The parameter's type, fully qualified, without a nullable reference annotation.</param>
/// <param name="IsRequired"><c>GetRequiredService</c> when true; <c>GetService</c> for an optional parameter whose default is null.</param>
/// <param name="SuppressNull">Whether <c>GetService</c>'s nullable result goes to a parameter declared non-nullable (with a null default).</param>
internal sealed record ConstructorArgumentInfo(string ParameterName, string TypeName, bool IsRequired, bool SuppressNull);
