using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Chat;
using Switchboard.Core.Modules;
using Switchboard.EventLog;
using Switchboard.Modules.Slack.Delivery;
using Switchboard.Modules.Slack.Delivery.BindChannel;
using Switchboard.Modules.Slack.Delivery.ListBindings;
using Switchboard.Modules.Slack.Delivery.UnbindChannel;
using Switchboard.Modules.Slack.Forms;
using Switchboard.Modules.Slack.Inbound;
using Switchboard.Modules.Slack.LinkSlack;
using Switchboard.Modules.Slack.Manifest.ShowManifest;
using Switchboard.Modules.Slack.Rendering;
using Switchboard.Modules.Slack.SocketMode;
using Switchboard.Modules.Slack.WebApi;

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

        // No resilience handler: the outbox retries posts, and a person waiting for a reply is better told at once.
        services.AddHttpClient<SlackWebApi>(ConfigureWebApi);

        services.AddMemoryCache();
        services.AddScoped<SlackDirectory>();
        services.AddScoped<SlackMentions>();
        services.AddScoped<SlackInboxes>();
        services.AddScoped<IChatAdapter, SlackChatAdapter>();

        services.AddSwitchboardModule(name: "slack", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(SlackModule).Assembly)
            .AddCommand<BindChannelCommand>()
            .AddCommand<ListBindingsCommand>()
            .AddCommand<UnbindChannelCommand>()
            .AddCommand<ShowManifestCommand>();

        services.AddSingleton<SlackInboundTelemetry>();
        services.AddSingleton<SlackIngress>();
        services.AddHostedService<SlackSocketMode>();
        services.AddEventConsumer<SlackRequestIntake>(SlackRequestIntake.ConsumerName, SlackRequest.Source);
        services.AddSingleton<SlackRequestRunner>();
        services.AddHostedService(services => services.GetRequiredService<SlackRequestRunner>());
        services.AddScoped<AnswerSlackRequest>();
        services.AddScoped<LinkSlackAccount>();
        services.AddScoped<OpenCommandForm>();
        // No retry handler: a reply that fails is posted again when its request's claim lapses. No request
        // logging either: a response_url is a capability to post as the app, and the default log names it.
        services.AddHttpClient<SlackReplies>().RemoveAllLoggers();
        services.AddScoped<SlackGuests>();

        return services;
    }

    /// <summary>Maps <c>/slack/commands</c>, <c>/slack/events</c> and <c>/slack/interactivity</c>.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app) => app
        .MapSlackInbound();

    private static void ConfigureWebApi(IServiceProvider services, HttpClient http)
    {
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        http.BaseAddress = options.ApiBaseUrl;
        http.Timeout = options.RequestTimeout;
    }
}
