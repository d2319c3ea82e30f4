using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Commands;
using Switchboard.Delivery.Channels;
using Switchboard.Server.Authentication;

namespace Switchboard.Server.Api.Channels;

internal static class ListChannelsEndpoint
{
    public static RouteHandlerBuilder MapListChannels(this RouteGroupBuilder api) =>
        api.MapGet("/channels", ListAsync)
            .WithName("ListChannels")
            .WithSummary("The built-in channels the signed-in person can read, their own inbox included.");

    private static async Task<Ok<IReadOnlyList<ChannelView>>> ListAsync(ClaimsPrincipal user, BuiltInChannels channels, CancellationToken cancellationToken)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Api, AssuranceLevel.Identified);
        return TypedResults.Ok(await channels.ListAsync(actor, cancellationToken));
    }
}
