using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Chat;
using Switchboard.Core.Modules;
using Switchboard.Data;
using Switchboard.Delivery.Bridges;
using Switchboard.Delivery.Channels;
using Switchboard.Delivery.Channels.CreateChannel;
using Switchboard.Delivery.Channels.ListChannels;
using Switchboard.Delivery.Channels.PostMessage;
using Switchboard.Delivery.Outbox;
using Switchboard.Delivery.Outbox.ListFailedDeliveries;
using Switchboard.Delivery.Outbox.RetryDeliveries;

namespace Switchboard.Delivery;

public static class DeliveryServices
{
    /// <summary>
    /// The built-in chat (<c>#ops</c>, <c>#deploys</c>, channels people create, a private inbox per person),
    /// the outbox that delivers Switchboard's messages to it and to bridged webhooks, and the <c>deliveries</c> commands.
    /// </summary>
    public static IServiceCollection AddSwitchboardDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidation>();

        services.AddScoped<BuiltInChannels>();
        services.AddSingleton<ChannelActivity>();
        services.AddSingleton<KnownChannels>();
        services.AddScoped<ChannelPosts>();
        services.AddScoped<Inboxes>();

        services.AddSingleton<DeliveryTelemetry>();
        services.AddSingleton<OutboxSignal>();
        services.ConfigureDbContext<SwitchboardDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxSignal>()));
        services.AddScoped<OutboxQueue>();
        services.AddSingleton<StreamLocks>();
        services.AddHostedService<OutboxDispatcher>();

        services.AddScoped<IChatAdapter, BuiltInChannelAdapter>();
        services.AddSingleton<IChatAdapter, WebhookBridge>();
        // The outbox retries, backs off and honours Retry-After itself: no resilience handler on top.
        services.AddHttpClient(WebhookBridge.HttpClientName, client => client.Timeout = DeliveryOptionsValidation.AttemptTimeout);

        services.AddSwitchboardModule(name: "channels", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(DeliveryServices).Assembly)
            .AddCommand<CreateChannelCommand>()
            .AddCommand<ListChannelsCommand>()
            .AddCommand<PostMessageCommand>();

        services.AddSwitchboardModule(name: "deliveries", owningTeam: "platform")
            .AddCommand<ListFailedDeliveriesCommand>()
            .AddCommand<RetryDeliveriesCommand>();

        return services;
    }
}
