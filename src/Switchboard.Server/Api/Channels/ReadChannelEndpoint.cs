using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Commands;
using Switchboard.Delivery.Channels;
using Switchboard.Server.Authentication;

namespace Switchboard.Server.Api.Channels;

internal static class ReadChannelEndpoint
{
    public static RouteHandlerBuilder MapReadChannel(this RouteGroupBuilder api) =>
        api.MapGet("/channels/{channel}/messages", ReadAsync)
            .WithName("ReadChannel")
            .WithSummary("A built-in channel's messages, oldest first; page with ?after=<last id>.");

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> ReadAsync(
        string channel,
        long? after,
        int? limit,
        ClaimsPrincipal user,
        BuiltInChannels channels,
        CancellationToken cancellationToken)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Api, AssuranceLevel.Identified);
        var (messages, error) = await channels.ReadAsync(channel, actor, after, limit ?? 100, cancellationToken);
        return messages is null ? error!.ToProblem() : TypedResults.Ok(messages);
    }
}
