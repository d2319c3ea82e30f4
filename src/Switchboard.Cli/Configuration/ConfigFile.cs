using System.Text.Json;

namespace Switchboard.Cli.Configuration;

/// <summary>
/// <c>config.json</c> in <c>$SWITCHBOARD_CONFIG_DIR</c>, or else in <c>switchboard/</c> under the user's
/// configuration folder (<c>$XDG_CONFIG_HOME</c> or <c>~/.config</c> on Linux and macOS, %APPDATA% on Windows).
/// </summary>
internal static class ConfigFile
{
    public const string DirectoryVariable = "SWITCHBOARD_CONFIG_DIR";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string FilePath => Path.Combine(DirectoryPath, "config.json");

    private static string DirectoryPath =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "switchboard");

    public static async Task<StoredLogin?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        await using var file = File.OpenRead(FilePath);
        return await JsonSerializer.DeserializeAsync<StoredLogin>(file, Json, cancellationToken);
    }

    /// <summary>
    /// Writes a private temporary file and renames it over the old one, so the token is never readable by
    /// others (not even for a moment, as a chmod after writing would allow) and a crash leaves the old file whole.
    /// </summary>
    public static async Task WriteAsync(StoredLogin login, CancellationToken cancellationToken)
    {
        var temporary = $"{FilePath}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DirectoryPath);
        }
        else
        {
            Directory.CreateDirectory(DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var file = new FileStream(temporary, options))
            {
                await JsonSerializer.SerializeAsync(file, login, Json, cancellationToken);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
