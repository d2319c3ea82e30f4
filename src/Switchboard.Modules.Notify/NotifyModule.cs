using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Audit;
using Switchboard.Core.Catalog;
using Switchboard.Core.Events;
using Switchboard.Core.Modules;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.EventLog;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.CatalogDocument;
using Switchboard.Modules.Notify.CreateService;
using Switchboard.Modules.Notify.DeleteService;
using Switchboard.Modules.Notify.EditService;
using Switchboard.Modules.Notify.Hooks;
using Switchboard.Modules.Notify.ListServices;
using Switchboard.Modules.Notify.ListSubscriptions;
using Switchboard.Modules.Notify.Routing;
using Switchboard.Modules.Notify.ShowActivity;
using Switchboard.Modules.Notify.ShowErrors;
using Switchboard.Modules.Notify.ShowService;
using Switchboard.Modules.Notify.Subscribe;
using Switchboard.Modules.Notify.Timeline;
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
        services.AddScoped<ServiceCatalog>();
        services.AddScoped<IServiceCatalog>(provider => provider.GetRequiredService<ServiceCatalog>());
        services.AddScoped<ServiceTimeline>();
        services.AddScoped<IServiceTimeline>(provider => provider.GetRequiredService<ServiceTimeline>());
        services.AddScoped<ServiceWriter>();
        services.AddScoped(provider => new CatalogConfiguration(
            provider.GetRequiredService<SwitchboardDbContext>(),
            provider.GetRequiredService<ChannelPosts>(),
            provider.GetRequiredService<IAuditLog>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddEventConsumer<NotificationRouter>("notify");

        services.AddSwitchboardModule(name: "notify", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(NotifyModule).Assembly)
            .AddCommand<SubscribeCommand>()
            .AddCommand<UnsubscribeCommand>()
            .AddCommand<ListSubscriptionsCommand>()
            .AddCommand<CreateServiceCommand>()
            .AddCommand<ShowServiceCommand>()
            .AddCommand<ListServicesCommand>()
            .AddCommand<EditServiceCommand>()
            .AddCommand<DeleteServiceCommand>()
            .AddCommand<ActivityCommand>()
            .AddCommand<ErrorsCommand>();

        return services;
    }
}
