using DualStackGen.Generator.Common;

namespace DualStackGen.Generator.Servers.Models;

/// <summary>
/// The few facts about the whole project each server's output depends on. Small and equatable, so that it only changes
/// (and re-emits every server) when one of these facts does, not on every edit.
/// </summary>
/// <param name="WithHosting">Whether the compilation references hosting.</param>
/// <param name="UnregisteredServers">Servers (<see cref="HostingInfo.FullTypeName"/>) whose registration clashes with another's (DSG0113).</param>
/// <param name="TaggedServers">Servers (<see cref="ServerGenerator.HintNames.Identity"/>) whose file names would collide with another server's under case-insensitive comparison (the compiler's): their file names carry a tag.</param>
/// <param name="DuplicatedServers">Servers (identities as in <paramref name="TaggedServers"/>) declared as two types of one name, already a compiler error: they get no files.</param>
internal sealed record OutputPlan(
    bool WithHosting,
    EquatableArray<string> UnregisteredServers,
    EquatableArray<string> TaggedServers,
    EquatableArray<string> DuplicatedServers)
{
    public bool Registers(ServerSpec spec) =>
        WithHosting && spec.Hosting.CanRegister && !Contains(UnregisteredServers, spec.Hosting.FullTypeName);

    public static bool Contains(EquatableArray<string> sorted, string value)
    {
        foreach (string item in sorted)
        {
            if (item == value)
            {
                return true;
            }
        }

        return false;
    }
}
