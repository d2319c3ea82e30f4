using Fido2NetLib;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Switchboard.Core.Links;

namespace Switchboard.Modules.Trust.SecurityKeys;

/// <summary>
/// Switchboard as a WebAuthn relying party: its id and the origins it accepts come from <c>Trust:WebAuthn</c>, or
/// else from <c>Switchboard:PublicUrl</c>. On a laptop (a public URL on <c>localhost</c>), the addresses the server
/// listens on count too, as a browser names them, so a console on another port still works.
/// </summary>
internal sealed class RelyingParty(IOptions<WebAuthnOptions> options, IOptions<PublicLinkOptions> links, IServer server)
{
    public IFido2 Fido2()
    {
        var settings = options.Value;
        var publicUrl = links.Value.PublicUrl;
        return new Fido2(new Fido2Configuration
        {
            RPID = settings.RelyingPartyId ?? publicUrl.Host,
            RPName = settings.RelyingPartyName,
            Origins = settings.Origins.Count > 0 ? settings.Origins.ToHashSet(StringComparer.Ordinal) : DefaultOrigins(publicUrl),
        });
    }

    private HashSet<string> DefaultOrigins(Uri publicUrl)
    {
        var origins = new HashSet<string>(StringComparer.Ordinal) { Origin(publicUrl) };
        if (publicUrl.IsLoopback && server.Features.Get<IServerAddressesFeature>() is { } listening)
        {
            foreach (var address in listening.Addresses)
            {
                if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback)
                {
                    origins.Add(Origin(new UriBuilder(uri) { Host = "localhost" }.Uri));
                }
            }
        }

        return origins;
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
