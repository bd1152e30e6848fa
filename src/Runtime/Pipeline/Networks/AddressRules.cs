using System.Collections.Generic;
using System.Net;

namespace DualStackGen;

/// <summary>
/// <see cref="ServerOptions.DeniedNetworks"/> and <see cref="ServerOptions.AllowedNetworks"/> as one decision: a denied
/// address is refused whatever the allow list says; with an allow list, any address outside it is refused.
/// </summary>
internal sealed class AddressRules(IEnumerable<IPNetwork> allowed, IEnumerable<IPNetwork> denied)
{
    public const string DeniedReason = "address_denied";
    public const string NotAllowedReason = "address_not_allowed";

    private readonly NetworkList _allowed = new(allowed);
    private readonly NetworkList _denied = new(denied);

    public bool IsEmpty => _allowed.IsEmpty && _denied.IsEmpty;

    /// <summary>Returns why <paramref name="address"/> is refused, or <see langword="null"/> when it may go on.</summary>
    public string? Refusal(IPAddress address)
    {
        if (_denied.Contains(address))
        {
            return DeniedReason;
        }

        return _allowed.IsEmpty || _allowed.Contains(address) ? null : NotAllowedReason;
    }
}
