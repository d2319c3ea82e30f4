using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Delivery.Channels;
using Switchboard.Server.Api;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>What several console pages need: the frame around them, the channel page and the vault page.</summary>
internal sealed class ConsolePages(BuiltInChannels channels, CommandDispatcher dispatcher, IAntiforgery antiforgery)
{
    public const int PageOfMessages = 100;

    public async Task<ConsoleFrame> FrameAsync(HttpContext context, ClaimsPrincipal user)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var list = await channels.ListAsync(actor, context.RequestAborted);
        return new ConsoleFrame(actor.Person, list, FormToken.For(context, antiforgery), context.Request.Path.Value ?? "/");
    }

    /// <param name="stored">What storing a token just answered, shown above the list.</param>
    public async Task<IResult> VaultAsync(HttpContext context, ClaimsPrincipal user, CommandResult? stored)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var list = await dispatcher.DispatchAsync(new CommandRequest("vault list"), actor, context.RequestAborted);
        return new RazorComponentResult<VaultPage>(new
        {
            Frame = await FrameAsync(context, user),
            Stored = stored?.Reply,
            Refusal = stored?.Error,
            Entries = list.Reply,
            EntriesError = list.Error,
        })
        {
            StatusCode = stored?.Error is { } refusal ? ErrorResults.StatusFor(refusal.Kind) : StatusCodes.Status200OK,
        };
    }

    /// <param name="error">Why the message just sent was refused, shown above the form.</param>
    public async Task<IResult> ChannelAsync(string channel, HttpContext context, ClaimsPrincipal user, Error? error)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var frame = await FrameAsync(context, user);
        var (newest, readError) = await channels.ReadNewestAsync(channel, actor, PageOfMessages, context.RequestAborted);
        if (newest is null)
        {
            return new RazorComponentResult<ReplyPage>(new { Title = "#" + channel.TrimStart('#'), Frame = frame, Error = readError })
            {
                StatusCode = ErrorResults.StatusFor(readError!.Kind),
            };
        }

        var name = channel.TrimStart('#').ToLowerInvariant();
        return new RazorComponentResult<ChannelPage>(new
        {
            Frame = frame,
            Channel = name,
            Description = frame.Channels.FirstOrDefault(c => c.Name == name)?.Description ?? "",
            Messages = newest,
            Error = error,
        })
        {
            StatusCode = error is null ? StatusCodes.Status200OK : ErrorResults.StatusFor(error.Kind),
        };
    }
}
