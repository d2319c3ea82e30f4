using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Modules;
using Switchboard.Delivery.Channels;
using Switchboard.Delivery.Channels.CreateChannel;
using Switchboard.Delivery.Channels.ListChannels;
using Switchboard.Delivery.Channels.PostMessage;

namespace Switchboard.Delivery;

public static class DeliveryServices
{
    /// <summary>The built-in chat: <c>#ops</c>, <c>#deploys</c>, channels people create, and a private inbox per person.</summary>
    public static IServiceCollection AddSwitchboardDelivery(this IServiceCollection services)
    {
        services.AddScoped<BuiltInChannels>();
        services.AddSingleton<ChannelActivity>();
        services.AddScoped<ChannelPosts>();

        services.AddSwitchboardModule(name: "channels", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(DeliveryServices).Assembly)
            .AddCommand<CreateChannelCommand>()
            .AddCommand<ListChannelsCommand>()
            .AddCommand<PostMessageCommand>();

        return services;
    }
}
