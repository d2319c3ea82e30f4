using System.Runtime.CompilerServices;

namespace Switchboard.Testing;

/// <summary>
/// Compares output with <c>Approved/&lt;name&gt;.approved.txt</c> beside the calling test's source. On a
/// difference it writes <c>&lt;name&gt;.received.txt</c> next to it and fails: review the diff, and if the
/// output is right, rename received to approved.
/// </summary>
public static class ApprovedFile
{
    public static void AssertMatches(string received, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Approved");
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");

        // A checkout with CRLF line endings still approves the same text.
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, received);
        Assert.Fail($"{receivedPath} differs from {approvedPath}. Review it, and rename it to approved if it is right.");
    }
}
