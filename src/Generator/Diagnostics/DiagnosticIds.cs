namespace DualStackGen.Generator.Diagnostics;

/// <summary>
/// The fixed diagnostic IDs (the README lists every rule). DSG00xx are the analyzers' rules, DSG01xx the generator's misuse
/// errors; a page for each lives in docs/rules.
/// </summary>
public static class DiagnosticIds
{
    public const string IPv4OnlyAddressFamily = "DSG0001";
    public const string IPv4OnlyWildcardListener = "DSG0002";
    public const string UnguardedEmptyHost = "DSG0003";
    public const string UnnormalizedRemoteAddress = "DSG0004";
    public const string DualModeSetTooLate = "DSG0005";
    public const string SingleFamilyLoopbackListener = "DSG0006";
    public const string TextualHostPort = "DSG0007";
    public const string FirstDnsResultOnly = "DSG0008";
    public const string IPv6WildcardWithoutDualMode = "DSG0009";

    public const string ServerClassNotPartial = "DSG0100";
    public const string ContainingTypeNotPartial = "DSG0101";
    public const string GenericServerClass = "DSG0102";
    public const string InvalidHost = "DSG0103";
    public const string PortOutOfRange = "DSG0104";
    public const string HostModeContradiction = "DSG0105";
    public const string HandlerMissing = "DSG0106";
    public const string HandlerWrongParameters = "DSG0107";
    public const string HandlerWrongReturnType = "DSG0108";
    public const string HandlerDeclaredTwice = "DSG0109";
    public const string BothTcpAndUdpServer = "DSG0110";
    public const string InvalidServerOption = "DSG0111";
    public const string NoHostingConstructor = "DSG0112";
    public const string HostingNameClash = "DSG0113";
    public const string UnsupportedServerClass = "DSG0114";
    public const string GeneratedMemberNameTaken = "DSG0115";
    public const string LanguageVersionTooLow = "DSG0116";
    public const string HandlerObsolete = "DSG0117";
}
