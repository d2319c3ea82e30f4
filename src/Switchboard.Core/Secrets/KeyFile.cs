using System.Runtime.InteropServices;
using System.Text;

namespace Switchboard.Core.Secrets;

/// <summary>
/// The embedded default's key files, kept beside the database and never in it. Several processes may start
/// on one data directory at once: exactly one of them writes the file, and the others read it whole.
/// </summary>
public static class KeyFile
{
    /// <summary>Writes the file, readable by this user only, unless it exists; false when another process made it first.</summary>
    public static bool TryCreate(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var draft = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(draft, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(contents);
        }

        if (PublishOnce(draft, path))
        {
            return true;
        }

        File.Delete(draft);
        return false;
    }

    /// <summary>
    /// Makes <paramref name="draft"/> the file at <paramref name="path"/> unless one is there, in one step the file
    /// system decides: .NET's <c>File.Move</c> without overwrite checks and then renames on Unix, so two processes can
    /// both win. A hard link fails with <c>EEXIST</c> instead; Windows' move without replace is atomic by itself.
    /// </summary>
    private static bool PublishOnce(string draft, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(draft, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        if (link(NullTerminated(draft), NullTerminated(path)) == 0)
        {
            File.Delete(draft);
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists
            ? false
            : throw new IOException($"Could not create {path} (errno {error}).");
    }

    private const int AlreadyExists = 17;

    private static byte[] NullTerminated(string path) => Encoding.UTF8.GetBytes(path + '\0');

    [DllImport("libc", SetLastError = true)]
    private static extern int link(byte[] existing, byte[] created);
}
