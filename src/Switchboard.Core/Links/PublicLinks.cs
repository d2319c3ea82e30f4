using Microsoft.Extensions.Options;

namespace Switchboard.Core.Links;

/// <summary>
/// Absolute links into the web console, built from <c>Switchboard:PublicUrl</c> (the address people
/// reach the console at, behind any proxy), never from the request that happened to ask.
/// </summary>
public sealed class PublicLinks(IOptions<PublicLinkOptions> options)
{
    private readonly Uri _root = options.Value.PublicUrl.AbsoluteUri.EndsWith('/')
        ? options.Value.PublicUrl
        : new Uri(options.Value.PublicUrl.AbsoluteUri + "/");

    public Uri Console => _root;

    public Uri SignIn(string code) => new(_root, "signin/" + Uri.EscapeDataString(code));

    public Uri Channel(string name) => new(_root, "channels/" + Uri.EscapeDataString(name.TrimStart('#')));
}

public sealed class PublicLinkOptions
{
    public const string Section = "Switchboard";

    public Uri PublicUrl { get; set; } = new("http://localhost:5080/");
}
