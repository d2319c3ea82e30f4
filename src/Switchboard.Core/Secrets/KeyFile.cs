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

        try
        {
            // A move that refuses to replace is atomic, so no process ever reads a half-written key.
            File.Move(draft, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(draft);
            return false;
        }
    }
}
