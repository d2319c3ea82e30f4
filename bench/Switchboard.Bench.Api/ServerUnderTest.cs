namespace Switchboard.Bench.Api;

/// <param name="Arguments">The command line after the dll, given the URL to listen on.</param>
/// <param name="Probe">The request whose first 200 means the server is ready.</param>
internal sealed record ServerUnderTest(string Name, string Dll, Func<Uri, IEnumerable<string>> Arguments, Func<string, HttpRequestMessage> Probe)
{
    /// <param name="settings">More of the server's configuration, as command-line arguments.</param>
    public static ServerUnderTest Switchboard(string dll, string dataDirectory, params IEnumerable<string> settings) => new(
        "Switchboard",
        dll,
        url => ["--urls", url.GetLeftPart(UriPartial.Authority), "--Switchboard:DataDirectory", dataDirectory, .. settings],
        _ => new HttpRequestMessage(HttpMethod.Get, "/readyz"));

    /// <summary>This executable in its <c>baseline</c> mode, so that load and server are separate processes here too.</summary>
    public static ServerUnderTest Baseline(params IEnumerable<string> settings) => new(
        "Minimal endpoint",
        typeof(ServerUnderTest).Assembly.Location,
        url => ["baseline", "--urls", url.GetLeftPart(UriPartial.Authority), .. settings],
        RunCommand.Request);
}
