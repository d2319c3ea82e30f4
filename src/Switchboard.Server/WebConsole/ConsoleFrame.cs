using Microsoft.AspNetCore.Antiforgery;
using Switchboard.Core.People;
using Switchboard.Delivery.Channels;

namespace Switchboard.Server.WebConsole;

/// <summary>What every console page shows around its content: who is signed in and where they can go.</summary>
public sealed record ConsoleFrame(PersonSummary Person, IReadOnlyList<ChannelView> Channels, FormToken Token, string CurrentPath);

/// <summary>The antiforgery field every console form carries.</summary>
public sealed record FormToken(string FieldName, string Value)
{
    public static FormToken For(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }
}
