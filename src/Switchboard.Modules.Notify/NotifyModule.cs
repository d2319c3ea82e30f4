using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Events;
using Switchboard.Core.Modules;
using Switchboard.EventLog;
using Switchboard.Modules.Notify.Hooks;
using Switchboard.Modules.Notify.ListSubscriptions;
using Switchboard.Modules.Notify.Routing;
using Switchboard.Modules.Notify.Subscribe;
using Switchboard.Modules.Notify.Unsubscribe;

namespace Switchboard.Modules.Notify;

/// <summary>
/// Events from the outside world to the people who own what they are about: webhook sources and their
/// verification, subscriptions, and the router that posts each event's notification to its channels.
/// </summary>
public static class NotifyModule
{
    public static IServiceCollection AddNotifyModule(this IServiceCollection services)
    {
        services.AddSingleton<IWebhookSources, WebhookSources>();
        services.AddEventConsumer<NotificationRouter>("notify");

        services.AddSwitchboardModule(name: "notify", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(NotifyModule).Assembly)
            .AddCommand<SubscribeCommand>()
            .AddCommand<UnsubscribeCommand>()
            .AddCommand<ListSubscriptionsCommand>();

        return services;
    }
}
