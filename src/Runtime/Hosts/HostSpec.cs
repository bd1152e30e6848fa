using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace DualStackGen;

/// <summary>
/// A host as a server is asked to listen on it: any address, <c>"localhost"</c>, one address literal, or a name.
/// </summary>
/// <remarks>
/// Parsing never touches DNS. An IPv4 literal must be four decimal numbers (<c>"1.2.3"</c> and
/// <c>"010.0.0.1"</c> are rejected rather than read as <c>1.2.0.3</c> or octal), an IPv6 literal may be
/// bracketed and may carry a scope (<c>fe80::1%eth0</c>, <c>fe80::1%2</c>), and an IPv4-mapped literal
/// (<c>::ffff:192.0.2.1</c>) stands for its IPv4 address.
/// </remarks>
public sealed class HostSpec
{
    private HostSpec(string text, HostKind kind, IPAddress? address, string? name)
    {
        Text = text;
        Kind = kind;
        Address = address;
        Name = name;
    }

    /// <summary>Gets the host text as it was given.</summary>
    public string Text { get; }

    /// <summary>Gets what the host stands for.</summary>
    public HostKind Kind { get; }

    /// <summary>
    /// Gets the address of a <see cref="HostKind.Address"/> host (with its scope id when it had one);
    /// <see langword="null"/> for the other kinds.
    /// </summary>
    public IPAddress? Address { get; }

    /// <summary>Gets the name of a <see cref="HostKind.Name"/> host, without a trailing dot; otherwise <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>Gets whether the host was given as <c>""</c>, the legacy spelling of any address.</summary>
    public bool IsLegacyEmptyHost => Kind == HostKind.AnyAddress && Text.Length == 0;

    /// <summary>Parses <paramref name="host"/>.</summary>
    /// <param name="host">The host text; see <see cref="HostKind"/> for the forms.</param>
    /// <returns>The parsed host.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a host; the message quotes it and says why.</exception>
    public static HostSpec Parse(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!TryParse(host, out HostSpec? spec, out string? error))
        {
            throw new FormatException(error);
        }

        return spec;
    }

    /// <summary>Parses <paramref name="host"/> without throwing.</summary>
    /// <param name="host">The host text.</param>
    /// <param name="spec">The parsed host, when the text is valid.</param>
    /// <returns>Whether the text is a valid host.</returns>
    public static bool TryParse([NotNullWhen(true)] string? host, [NotNullWhen(true)] out HostSpec? spec)
        => TryParse(host, out spec, out _);

    /// <summary>Parses <paramref name="host"/> without throwing, and says what is wrong with invalid text.</summary>
    /// <param name="host">The host text.</param>
    /// <param name="spec">The parsed host, when the text is valid.</param>
    /// <param name="error">Why the text is not a host, quoting it; <see langword="null"/> when it is valid.</param>
    /// <returns>Whether the text is a valid host.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? host,
        [NotNullWhen(true)] out HostSpec? spec,
        [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (!HostSyntax.TryParse(host, out HostSyntax.Parsed parsed, out string syntaxError))
        {
            error = syntaxError;
            return false;
        }

        IPAddress? address = parsed.Address;
        if (parsed.Zone is not null && !TryApplyZone(host!, address!, parsed.Zone, out address, out error))
        {
            return false;
        }

        spec = new HostSpec(host!, parsed.Kind, address, parsed.Name);
        error = null;
        return true;
    }

    /// <summary>Returns the host text as it was given.</summary>
    /// <returns>The host text.</returns>
    public override string ToString() => Text;

    private static bool TryApplyZone(string host, IPAddress address, string zone, out IPAddress? scoped, [NotNullWhen(false)] out string? error)
    {
        scoped = null;
        if (uint.TryParse(zone, NumberStyles.None, CultureInfo.InvariantCulture, out uint index))
        {
            scoped = new IPAddress(address.GetAddressBytes(), index);
            error = null;
            return true;
        }

        // IPAddress parses "%name" through the OS interface table and quietly yields scope 0 for a name it does
        // not know; an unknown interface must be an error, not an unscoped bind.
        if (IPAddress.TryParse($"{address}%{zone}", out IPAddress? withScope) && withScope.ScopeId != 0)
        {
            scoped = withScope;
            error = null;
            return true;
        }

        error = $"Host \"{host}\" is not valid: this machine has no network interface named '{zone}'.";
        return false;
    }
}
