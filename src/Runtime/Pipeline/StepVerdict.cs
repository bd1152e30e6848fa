using System;

namespace DualStackGen;

/// <summary>
/// What a <see cref="ITcpConnectionStep"/> or <see cref="IUdpDatagramFilter"/> decided: let the connection or datagram
/// go on to the next step and the handler, or refuse it with a reason. The reason is logged at Debug and recorded as
/// the measurement's <c>error.type</c>, so it should be a short, stable, lower-case token (<c>address_denied</c>).
/// </summary>
public readonly struct StepVerdict : IEquatable<StepVerdict>
{
    private StepVerdict(string? refusalReason) => RefusalReason = refusalReason;

    /// <summary>Gets the verdict that lets the connection or datagram go on.</summary>
    public static StepVerdict Continue => default;

    /// <summary>Gets why the connection or datagram was refused; <see langword="null"/> when it goes on.</summary>
    public string? RefusalReason { get; }

    /// <summary>Gets a value indicating whether the connection or datagram was refused.</summary>
    public bool IsRefused => RefusalReason is not null;

    /// <summary>Refuses the connection or datagram.</summary>
    /// <param name="reason">Why, as the <c>error.type</c> of the measurement: a short, stable token such as <c>address_denied</c>.</param>
    /// <returns>The refusal.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is <see langword="null"/> or empty.</exception>
    public static StepVerdict Refuse(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new StepVerdict(reason);
    }

    /// <inheritdoc/>
    public bool Equals(StepVerdict other) => string.Equals(RefusalReason, other.RefusalReason, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StepVerdict other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => RefusalReason is null ? 0 : StringComparer.Ordinal.GetHashCode(RefusalReason);

    /// <inheritdoc/>
    public override string ToString() => RefusalReason is null ? "continue" : "refuse: " + RefusalReason;
}
