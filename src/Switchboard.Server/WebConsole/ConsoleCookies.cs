using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Switchboard.Core.Links;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The console's cookies follow <c>Switchboard:PublicUrl</c>: behind https they are Secure and
/// <c>__Host-</c> prefixed (this host only, whole site). A plain-http address is for a laptop, where
/// browsers would refuse Secure cookies from anything but localhost.
/// </summary>
internal sealed class ConsoleCookies(IOptions<PublicLinkOptions> options) : IConfigureOptions<AntiforgeryOptions>
{
    public bool Secure { get; } = options.Value.PublicUrl.Scheme == Uri.UriSchemeHttps;

    public string SessionName => Secure ? "__Host-switchboard" : "switchboard";

    public CookieOptions SessionOptions(DateTimeOffset expiresAt) => new()
    {
        HttpOnly = true,
        Secure = Secure,
        // Lax, not Strict: a console link followed from chat must arrive signed in. Forms carry antiforgery tokens.
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };

    public void Configure(AntiforgeryOptions antiforgery)
    {
        antiforgery.Cookie.Name = Secure ? "__Host-switchboard-form" : "switchboard-form";
        antiforgery.Cookie.SecurePolicy = Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        antiforgery.Cookie.SameSite = SameSiteMode.Strict;
    }
}
