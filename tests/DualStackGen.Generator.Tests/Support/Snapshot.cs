using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>
/// A small snapshot check: the expected text is checked in beside the test file as
/// <c>&lt;TestClass&gt;.&lt;Case&gt;.verified.cs</c>, where the test class is the test file's name and the case the
/// calling test method's name.
/// </summary>
/// <remarks>
/// On a mismatch (or when no verified file exists yet) the actual text is written to
/// <c>&lt;TestClass&gt;.&lt;Case&gt;.received.cs</c> next to it (git-ignored) and the test fails with a line diff. To accept
/// new output, run the tests with <c>DUALSTACKGEN_ACCEPT_SNAPSHOTS=1</c>: the verified file is overwritten instead,
/// and the change is then reviewed in the diff of the commit. Line ends are compared as <c>\n</c>.
/// </remarks>
internal static class Snapshot
{
    public const string AcceptVariable = "DUALSTACKGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string actual, [CallerFilePath] string testFile = "", [CallerMemberName] string caseName = "")
    {
        string directory = Path.GetDirectoryName(testFile)!;
        string stem = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(testFile)}.{caseName}");
        string verifiedPath = stem + ".verified.cs";
        string receivedPath = stem + ".received.cs";
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        string? expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        string why = expected is null
            ? $"No snapshot {verifiedPath} yet; the output was written to {receivedPath}."
            : $"The output differs from {verifiedPath} (written to {receivedPath}):\n{LineDiff(expected, normalized)}";
        Assert.Fail($"{why}\nReview it, then rerun with {AcceptVariable}=1 to accept it.");
    }

    /// <summary>A minimal unified-style diff (no hunks): <c>-</c> expected only, <c>+</c> actual only, two lines of context.</summary>
    internal static string LineDiff(string expected, string actual)
    {
        string[] before = expected.Split('\n');
        string[] after = actual.Split('\n');
        var common = new int[before.Length + 1, after.Length + 1];
        for (int i = before.Length - 1; i >= 0; i--)
        {
            for (int j = after.Length - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, string Text)>();
        int b = 0, a = 0;
        while (b < before.Length || a < after.Length)
        {
            if (b < before.Length && a < after.Length && before[b] == after[a])
            {
                lines.Add((' ', before[b++]));
                a++;
            }
            else if (a < after.Length && (b == before.Length || common[b, a + 1] >= common[b + 1, a]))
            {
                lines.Add(('+', after[a++]));
            }
            else
            {
                lines.Add(('-', before[b++]));
            }
        }

        var diff = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            bool nearChange = false;
            for (int k = Math.Max(0, i - 2); k <= Math.Min(lines.Count - 1, i + 2) && !nearChange; k++)
            {
                nearChange = lines[k].Mark != ' ';
            }

            if (nearChange)
            {
                diff.Append(lines[i].Mark).Append(' ').Append(lines[i].Text).Append('\n');
            }
        }

        return diff.ToString();
    }
}
