namespace Switchboard.Browser.Tests;

/// <summary>Where the suite leaves its pictures: <c>artifacts/screenshots</c> at the repository root, which git ignores.</summary>
internal static class Screenshots
{
    private static readonly Lazy<string> Folder = new(Create);

    public static string PathFor(string name) => Path.Combine(Folder.Value, name + ".png");

    private static string Create()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Switchboard.slnx")))
            {
                return Directory.CreateDirectory(Path.Combine(folder.FullName, "artifacts", "screenshots")).FullName;
            }
        }

        throw new InvalidOperationException($"No Switchboard.slnx above {AppContext.BaseDirectory}: the test assembly is not inside the repository.");
    }
}
