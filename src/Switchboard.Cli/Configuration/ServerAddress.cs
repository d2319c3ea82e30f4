using System.Diagnostics.CodeAnalysis;

namespace Switchboard.Cli.Configuration;

internal static class ServerAddress
{
    /// <summary>
    /// An absolute http(s) address, ending in '/' so that relative paths such as <c>api/commands</c> keep a
    /// path prefix (a server behind a reverse proxy at <c>https://example.com/switchboard</c>).
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Uri? server)
    {
        server = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        var builder = new UriBuilder(parsed) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        server = builder.Uri;
        return true;
    }

    /// <summary>Plain http to another machine sends the token where anyone on the way can read it.</summary>
    public static bool IsUnencryptedRemote(Uri server) => server.Scheme == Uri.UriSchemeHttp && !server.IsLoopback;
}
