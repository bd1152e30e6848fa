using System;
using System.Diagnostics;

namespace DualStackGen.Samples;

/// <summary>
/// A test-only trigger: with <c>DUALSTACKGEN_SAMPLE_CHILD</c> set, the sample runs that shell command once it
/// listens, as a server whose handler starts a helper process would, so that a test can look at what the child
/// inherited (descriptors, <c>LISTEN_*</c> variables). Unset, nothing happens.
/// </summary>
internal static class SampleChildProcess
{
    public static void StartIfAsked()
    {
        if (Environment.GetEnvironmentVariable("DUALSTACKGEN_SAMPLE_CHILD") is not { Length: > 0 } command)
        {
            return;
        }

        using Process child = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })!;
        child.WaitForExit();
    }
}
