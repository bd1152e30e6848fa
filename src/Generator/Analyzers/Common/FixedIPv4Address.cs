using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// An address that is IPv4 by how the code writes it and names one host: a unicast literal
/// (<c>IPAddress.Parse("192.0.2.10")</c>), four numbers joined with dots and parsed (an FTP <c>PORT</c> argument), or
/// four bytes. Not the wildcard, a loopback or the broadcast address, which other rules speak for.
/// </summary>
internal static class FixedIPv4Address
{
    /// <summary>Whether every address <paramref name="addressOrEndPoint"/> (an <c>IPAddress</c> or an <c>IPEndPoint</c> made of one) can be is such an address.</summary>
    public static bool IsEveryAddressOf(IOperation addressOrEndPoint, Compilation compilation, DualStackSymbols symbols)
    {
        List<IOperation> origins = ValueFlow.Origins(addressOrEndPoint, compilation);
        if (!origins.Exists(origin => !IsOutsideCaller(origin)))
        {
            return false;
        }

        foreach (IOperation origin in origins)
        {
            IOperation address = origin;
            if (origin is IObjectCreationOperation { Arguments.Length: 2, Constructor: { } constructor } endPoint && symbols.IsIPEndPoint(endPoint.Type))
            {
                if (!symbols.IsIPAddress(constructor.Parameters[0].Type) || DualStackSymbols.Argument(endPoint.Arguments, constructor.Parameters[0].Name) is not { } given)
                {
                    return false;
                }

                if (!AreAllFixed(ValueFlow.Origins(given, compilation), address => Is(address, compilation, symbols)))
                {
                    return false;
                }

                continue;
            }

            if (!IsOutsideCaller(origin) && !Is(address, compilation, symbols))
            {
                return false;
            }
        }

        return true;
    }

    // A parameter of a method or constructor among the origins stands for its callers outside the compilation (it is
    // public, protected, or has a default): the compilation's own callers are the evidence, and at least one of them
    // must be there. A lambda's or local function's parameter is no such stand-in: its values are unknown.
    private static bool IsOutsideCaller(IOperation origin) =>
        origin is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } };

    // Every value that is not an outside caller's stand-in is fixed, and at least one is.
    private static bool AreAllFixed(List<IOperation> values, System.Func<IOperation, bool> isFixed)
    {
        bool known = false;
        foreach (IOperation value in values)
        {
            if (IsOutsideCaller(value))
            {
                continue;
            }

            if (!isFixed(value))
            {
                return false;
            }

            known = true;
        }

        return known;
    }

    private static bool Is(IOperation origin, Compilation compilation, DualStackSymbols symbols)
    {
        if (symbols.IsAddressParse(origin, out IOperation? text))
        {
            // IPAddress.Parse(ip) of text the compilation fixes: a field initialized with "192.0.2.10", a constructor's
            // parameter every caller of which passes such a literal. Configuration text (a public settable property)
            // stays unknown.
            return IsFixedText(text) || AreAllFixed(ValueFlow.Origins(text, compilation), IsFixedText);
        }

        // new IPAddress(new byte[] { 192, 0, 2, 10 }): four bytes are an IPv4 address (four constants: a unicast one).
        if (origin is IObjectCreationOperation { Arguments.Length: 1 } creation && symbols.IsIPAddress(creation.Type)
            && OperationFlow.Unwrap(creation.Arguments[0].Value) is IArrayCreationOperation { Initializer.ElementValues: { Length: 4 } bytes })
        {
            var constant = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                if (OperationFlow.Unwrap(bytes[i]).ConstantValue is not { HasValue: true, Value: { } value })
                {
                    return true;
                }

                constant[i] = System.Convert.ToByte(value, System.Globalization.CultureInfo.InvariantCulture);
            }

            return IsUnicast(constant);
        }

        return false;
    }

    private static bool IsFixedText(IOperation text) =>
        text.ConstantValue is { HasValue: true, Value: string literal } ? IsUnicastLiteral(literal) : IsDottedQuad(OperationFlow.Unwrap(text));

    private static bool IsUnicastLiteral(string literal)
    {
        if (!System.Net.IPAddress.TryParse(literal, out System.Net.IPAddress? parsed) || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || literal.IndexOf('.') < 0)
        {
            return false;
        }

        return IsUnicast(parsed.GetAddressBytes());
    }

    // Not 0.0.0.0, 127/8, 224/4 (multicast, whose groups DSG0001 leaves to the broadcast rule) or 255.255.255.255.
    private static bool IsUnicast(byte[] bytes)
    {
        bool wildcard = bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0;
        bool broadcast = bytes[0] == 255 && bytes[1] == 255 && bytes[2] == 255 && bytes[3] == 255;
        return !wildcard && !broadcast && bytes[0] != 127 && bytes[0] is < 224 or > 239;
    }

    // a + "." + b + "." + c + "." + d, $"{a}.{b}.{c}.{d}": four parts and three dots, the text form of an IPv4 address.
    private static bool IsDottedQuad(IOperation text)
    {
        var parts = new List<IOperation>();
        if (text is IBinaryOperation)
        {
            Flatten(text, parts);
        }
        else if (text is IInterpolatedStringOperation interpolated)
        {
            parts.AddRange(interpolated.Parts);
        }

        if (parts.Count != 7)
        {
            return false;
        }

        for (int i = 1; i < parts.Count; i += 2)
        {
            bool dot = parts[i] switch
            {
                IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: "." } } => true,
                _ => OperationFlow.Unwrap(parts[i]).ConstantValue is { HasValue: true, Value: "." or '.' },
            };
            if (!dot)
            {
                return false;
            }
        }

        return true;
    }

    private static void Flatten(IOperation operation, List<IOperation> parts)
    {
        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.Type?.SpecialType == SpecialType.System_String)
        {
            Flatten(OperationFlow.Unwrap(binary.LeftOperand), parts);
            Flatten(OperationFlow.Unwrap(binary.RightOperand), parts);
        }
        else
        {
            parts.Add(operation);
        }
    }
}
