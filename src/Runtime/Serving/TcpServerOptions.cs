using System.Collections.Generic;

namespace DualStackGen;

/// <summary>
/// Where and how a <see cref="TcpServerRunner"/> listens and serves. Read once, when
/// <see cref="TcpServerRunner.StartAsync(System.Threading.CancellationToken)"/> is called; later changes take
/// effect on the next runner.
/// </summary>
public sealed partial class TcpServerOptions : ServerOptions
{
    /// <summary>Gets or sets each listening socket's accept-queue length; <see cref="ListenOptions.DefaultBacklog"/> by default.</summary>
    public int Backlog { get => Listen.Backlog; set => Listen.Backlog = value; }

    /// <summary>
    /// Gets or sets how many connections are handled at once; 0 (the default) for no fixed number: on Linux and macOS
    /// the limit is then the soft file-descriptor limit less the descriptors open at the start and an eighth of the limit (at least 64) kept for the runtime, so
    /// that a flood of connections cannot take the descriptors the process itself needs; elsewhere there is none.
    /// A number set here is used as it is, even above what the descriptors allow (then an accept that finds none
    /// left pauses, see the README's Limits). At the limit the server
    /// stops accepting (each listening socket's loop holds at most the one connection it accepted last, unread), so
    /// further connections wait in the OS accept queue (<see cref="Backlog"/>) until a handler returns; the OS
    /// completes their handshake, but nothing reads from them yet.
    /// </summary>
    public int MaxConcurrentConnections { get; set; } = ServerOptionLimits.DefaultMaxConcurrentConnections;

    /// <summary>
    /// Gets the connection pipeline: the steps each accepted connection passes, in order, before the handler; empty by
    /// default. Read at each start. See <see cref="ITcpConnectionStep"/>.
    /// </summary>
    public IList<ITcpConnectionStep> ConnectionSteps { get; } = new List<ITcpConnectionStep>();

    /// <summary>
    /// Gets or sets TLS: <see langword="null"/> (the default) serves plain TCP; set, every connection makes a TLS
    /// handshake before the handler (after the PROXY protocol header and the allow/deny lists, before
    /// <see cref="ConnectionSteps"/>), and the handler reads and writes plaintext. Configuration keys under <c>Tls:</c>
    /// (<c>Tls:Certificate:Path</c>, ...) create it. See <see cref="TlsOptions"/>.
    /// </summary>
    public TlsOptions? Tls { get; set; }

    private protected override IEnumerable<string> OwnSettingNames => [nameof(Backlog), nameof(MaxConcurrentConnections), .. LimitSettingNames, .. ProxySettingNames, .. TlsSettings.Names];

    private protected override bool TryApplyOwnSetting(string key, string value, string fullKey)
    {
        if (TlsSettings.IsTlsKey(key))
        {
            return TlsSettings.TryApply(this, key, value, fullKey);
        }

        if (IsSetting(key, nameof(Backlog)))
        {
            Backlog = ParseSetting(fullKey, value, ServerOptionLimits.MinBacklog, int.MaxValue, "the backlog is a whole number of at least 1.");
        }
        else if (IsSetting(key, nameof(MaxConcurrentConnections)))
        {
            MaxConcurrentConnections = ParseSetting(fullKey, value, ServerOptionLimits.MinMaxConcurrentConnections, int.MaxValue, "a whole number of at least 0 (0 for no limit).");
        }
        else if (TryApplyLimitSetting(key, value, fullKey))
        {
            // IdleTimeout, FirstByteTimeout, MaxConnectionsPerAddress, RaiseDescriptorLimit and the keepalive options.
        }
        else if (!TryApplyProxySetting(key, value, fullKey))
        {
            return false;
        }

        return true;
    }
}
