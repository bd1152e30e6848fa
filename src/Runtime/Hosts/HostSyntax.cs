using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// Classifies host text without touching the machine: no DNS, no interface table. Kept free of anything newer
/// than netstandard2.0 so that the compile-time checks can use the same rules as the runtime.
/// </summary>
internal static class HostSyntax
{
    private const int MaxHostNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>The result of classifying one host text.</summary>
    /// <param name="Kind">What the text stands for.</param>
    /// <param name="Address">For <see cref="HostKind.Address"/>: the literal, IPv4-mapped form unwrapped, scope unset.</param>
    /// <param name="Zone">For a scoped IPv6 literal: the text after <c>%</c> (an interface name or index).</param>
    /// <param name="Name">For <see cref="HostKind.Name"/>: the name without a trailing dot.</param>
    internal readonly record struct Parsed(HostKind Kind, IPAddress? Address, string? Zone, string? Name);

    /// <summary>Classifies <paramref name="text"/>; when it is not a valid host, <paramref name="error"/> is a sentence quoting it.</summary>
    public static bool TryParse(string? text, out Parsed parsed, out string error) => TryParse(text, out parsed, out error, out _);

    /// <summary>
    /// Classifies <paramref name="text"/>; when it is not a valid host, <paramref name="error"/> is a sentence quoting it
    /// and <paramref name="reason"/> the same explanation without the host, for a message that quotes the host itself.
    /// </summary>
    public static bool TryParse(string? text, out Parsed parsed, out string error, out string reason)
    {
        if (TryClassify(text, out parsed, out reason))
        {
            error = string.Empty;
            return true;
        }

        error = text is null ? $"Host is null; {reason}." : $"Host \"{text}\" is not valid: {reason}.";
        return false;
    }

    private static bool TryClassify(string? text, out Parsed parsed, out string reason)
    {
        parsed = default;
        if (text is null)
        {
            reason = "use \"::\" for any address or \"localhost\" for the loopbacks";
            return false;
        }

        if (text.Length == 0 || text == "*")
        {
            parsed = new Parsed(HostKind.AnyAddress, null, null, null);
            reason = string.Empty;
            return true;
        }

        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, "localhost.", StringComparison.OrdinalIgnoreCase))
        {
            parsed = new Parsed(HostKind.Localhost, null, null, null);
            reason = string.Empty;
            return true;
        }

        if (LooksLikeHostAndPort(text))
        {
            reason = "it looks like a host and a port; give the port separately";
            return false;
        }

        if (text[0] == '[' || text[text.Length - 1] == ']')
        {
            if (text[0] != '[' || text[text.Length - 1] != ']' || text.Length < 3)
            {
                reason = "a bracketed IPv6 literal must start with '[' and end with ']'";
                return false;
            }

            string inner = text.Substring(1, text.Length - 2);
            if (inner.IndexOf(':') < 0)
            {
                reason = "brackets are only for IPv6 literals; write an IPv4 address or a name without them";
                return false;
            }

            return TryParseIPv6(inner, out parsed, out reason);
        }

        if (text.IndexOf(':') >= 0)
        {
            return TryParseIPv6(text, out parsed, out reason);
        }

        if (LooksNumeric(text))
        {
            if (!TryParseStrictIPv4(text, out IPAddress? v4))
            {
                reason = "an IPv4 address is four decimal numbers from 0 to 255 without leading zeros, as in 192.0.2.10";
                return false;
            }

            parsed = new Parsed(HostKind.Address, v4, null, null);
            reason = string.Empty;
            return true;
        }

        return TryParseName(text, out parsed, out reason);
    }

    private static bool TryParseIPv6(string literal, out Parsed parsed, out string reason)
    {
        parsed = default;
        string address = literal;
        string? zone = null;
        int percent = literal.IndexOf('%');
        if (percent >= 0)
        {
            address = literal.Substring(0, percent);
            zone = literal.Substring(percent + 1);
            if (zone.Length == 0)
            {
                reason = "'%' must be followed by an interface name or index, as in fe80::1%eth0";
                return false;
            }

            foreach (char c in zone)
            {
                if (!(IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                {
                    reason = $"'{c}' cannot appear in the interface name '{zone}'";
                    return false;
                }
            }
        }

        foreach (char c in address)
        {
            if (!(IsHexDigit(c) || c is ':' or '.'))
            {
                reason = $"'{c}' cannot appear in an IPv6 address";
                return false;
            }
        }

        int lastColon = address.LastIndexOf(':');
        string tail = address.Substring(lastColon + 1);
        bool embeddedIPv4 = tail.IndexOf('.') >= 0;
        if ((embeddedIPv4 && !TryParseStrictIPv4(tail, out _))
            || !IPAddress.TryParse(address, out IPAddress? ip)
            || ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            reason = "it is not a valid IPv6 address";
            return false;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            if (zone is not null)
            {
                reason = "an IPv4-mapped address cannot carry a scope";
                return false;
            }

            parsed = new Parsed(HostKind.Address, ip.MapToIPv4(), null, null);
        }
        else if (zone is null && ip.Equals(IPAddress.IPv6Any))
        {
            parsed = new Parsed(HostKind.AnyAddress, null, null, null);
        }
        else
        {
            parsed = new Parsed(HostKind.Address, ip, zone, null);
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryParseName(string text, out Parsed parsed, out string reason)
    {
        parsed = default;
        string name = text[text.Length - 1] == '.' ? text.Substring(0, text.Length - 1) : text;
        if (name.Length == 0 || name.Length > MaxHostNameLength)
        {
            reason = $"a host name has 1 to {MaxHostNameLength} characters";
            return false;
        }

        int labelStart = 0;
        for (int i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != '.')
            {
                char c = name[i];
                if (!(IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    reason = $"'{c}' at position {i} cannot appear in a host name";
                    return false;
                }

                continue;
            }

            int labelLength = i - labelStart;
            if (labelLength == 0 || labelLength > MaxLabelLength)
            {
                reason = $"each dot-separated part of a host name has 1 to {MaxLabelLength} characters";
                return false;
            }

            if (name[labelStart] == '-' || name[i - 1] == '-')
            {
                reason = "a part of a host name cannot start or end with '-'";
                return false;
            }

            labelStart = i + 1;
        }

        // The resolver would read "0x7f000001", "0x7f.1" or "10.0x2.3.4" as an inet_aton-style IPv4 address (hex,
        // short forms), binding an address nobody wrote; a name that ends in a number is refused, as URL hosts are.
        string lastLabel = name.Substring(name.LastIndexOf('.') + 1);
        if (IsAllDigits(lastLabel, 0) || lastLabel.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            reason = "a host name cannot end in a number (hex and short IPv4 forms are not accepted); write an IPv4 address as four decimal numbers, as in 192.0.2.10";
            return false;
        }

        parsed = new Parsed(HostKind.Name, null, null, name);
        reason = string.Empty;
        return true;
    }

    // "host:80" and "[::1]:80": an IPv6 literal has at least two colons, and a bracketed one ends at its bracket.
    private static bool LooksLikeHostAndPort(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon < 0 || colon == text.Length - 1 || !IsAllDigits(text, colon + 1))
        {
            return false;
        }

        return text[0] == '[' ? colon > 0 && text[colon - 1] == ']' : text.IndexOf(':') == colon;
    }

    private static bool IsAllDigits(string text, int start)
    {
        for (int i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    // Digits and dots only: meant as an IPv4 literal. IPAddress.TryParse would accept "1.2.3" as 1.2.0.3 and
    // "010.0.0.1" as octal, both classic sources of binding the wrong address, so the parse is strict here.
    private static bool LooksNumeric(string text)
    {
        foreach (char c in text)
        {
            if (!(c is (>= '0' and <= '9') or '.'))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryParseStrictIPv4(string text, out IPAddress? address)
    {
        address = null;
        string[] parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (int i = 0; i < 4; i++)
        {
            string part = parts[i];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            foreach (char c in part)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }

            int value = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
