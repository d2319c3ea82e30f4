using Switchboard.Testing;

namespace Switchboard.Browser.Tests;

internal static class ConsoleAddress
{
    /// <summary>
    /// The console as a person's browser addresses it: <c>localhost</c>, not the 127.0.0.1 that Kestrel
    /// listens on (WebAuthn accepts only the name).
    /// </summary>
    public static string ConsoleUrl(this SwitchboardHost host, string path = "") => $"http://localhost:{host.BaseAddress.Port}{path}";
}
