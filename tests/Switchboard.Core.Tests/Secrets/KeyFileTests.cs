using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Secrets;

public sealed class KeyFileTests
{
    [Fact]
    public async Task OfProcessesStartingTogetherOneWritesTheKeyAndTheOthersReadItWhole()
    {
        var directory = Directory.CreateTempSubdirectory("switchboard-keyfile-").FullName;
        var path = Path.Combine(directory, "vault.keys");
        var contents = Enumerable.Range(0, 16).Select(i => $"key-{i} " + new string((char)('a' + i), 4096)).ToArray();

        var created = await Task.WhenAll(contents.Select(text => Task.Run(() => KeyFile.TryCreate(path, text), TestContext.Current.CancellationToken)));

        var winner = Assert.Single(created.Select((made, i) => (made, i)), c => c.made).i;
        Assert.Equal(contents[winner], await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal([path], Directory.GetFiles(directory));
        Directory.Delete(directory, recursive: true);
    }
}
