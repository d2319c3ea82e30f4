using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Catalog;
using Switchboard.Core.Events;
using Switchboard.Core.Modules;
using Switchboard.EventLog;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.CatalogDocument;
using Switchboard.Modules.Notify.CreateService;
using Switchboard.Modules.Notify.DeleteService;
using Switchboard.Modules.Notify.EditService;
using Switchboard.Modules.Notify.History;
using Switchboard.Modules.Notify.Hooks;
using Switchboard.Modules.Notify.ListEvents;
using Switchboard.Modules.Notify.ListServices;
using Switchboard.Modules.Notify.ListSubscriptions;
using Switchboard.Modules.Notify.RedeliverMissedGitHubDeliveries;
using Switchboard.Modules.Notify.ReplayEvent;
using Switchboard.Modules.Notify.Routing;
using Switchboard.Modules.Notify.ShowActivity;
using Switchboard.Modules.Notify.ShowErrors;
using Switchboard.Modules.Notify.ShowEvent;
using Switchboard.Modules.Notify.ShowService;
using Switchboard.Modules.Notify.Subscribe;
using Switchboard.Modules.Notify.Subscriptions;
using Switchboard.Modules.Notify.Timeline;
using Switchboard.Modules.Notify.Unsubscribe;

namespace Switchboard.Modules.Notify;

/// <summary>
/// Events from the outside world to the people who own what they are about: webhook sources and their
/// verification, subscriptions, the router that posts each event's notification to its channels, the
/// <c>events</c> commands that show what came in and where it went and replay it, and the reconciler that
/// asks GitHub again for deliveries that never arrived.
/// </summary>
public static class NotifyModule
{
    public static IServiceCollection AddNotifyModule(this IServiceCollection services)
    {
        services.AddSingleton<WebhookSources>();
        services.AddSingleton<IWebhookSources>(provider => provider.GetRequiredService<WebhookSources>());
        services.AddSingleton<SourceFeatures>();
        services.AddScoped<ServiceCatalog>();
        services.AddScoped<IServiceCatalog>(provider => provider.GetRequiredService<ServiceCatalog>());
        services.AddScoped<ServiceTimeline>();
        services.AddScoped<IServiceTimeline>(provider => provider.GetRequiredService<ServiceTimeline>());
        services.AddScoped<ServiceWriter>();
        services.AddScoped<ICatalogConfiguration, CatalogConfiguration>();
        services.AddEventConsumer<NotificationRouter>(NotificationRouter.ConsumerName);
        services.AddScoped<EventHistory>();
        services.AddScoped<IEventHistory>(provider => provider.GetRequiredService<EventHistory>());

        services.AddOptions<GitHubReconcilerOptions>().BindConfiguration(GitHubReconcilerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubReconcilerOptions>, GitHubReconcilerOptionsValidation>();
        // No retry handler: what a round could not do is the next round's work.
        services.AddHttpClient<GitHubHooksClient>(ConfigureGitHubClient);
        services.AddHostedService<GitHubDeliveryReconciler>();

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
            .AddCommand<ErrorsCommand>()
            .AddCommand<ListEventsCommand>()
            .AddCommand<ShowEventCommand>()
            .AddCommand<ReplayEventCommand>();

        return services;
    }

    private static void ConfigureGitHubClient(IServiceProvider services, HttpClient http)
    {
        http.BaseAddress = services.GetRequiredService<IOptions<GitHubReconcilerOptions>>().Value.ApiBaseAddress;
        http.Timeout = TimeSpan.FromSeconds(30);
        // https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#headers (GitHub refuses requests without a User-Agent).
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Switchboard", "1.0"));
    }
}
