using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.EventLog.Consuming;

namespace Switchboard.EventLog.Kafka;

public static class KafkaEventLogServices
{
    /// <summary>
    /// The Kafka engine, configured under <c>EventLog:Kafka</c>: appends go to one topic, each consumer is a
    /// consumer group, and the built-in <c>archive</c> consumer keeps the events where operators browse them.
    /// </summary>
    public static IServiceCollection AddKafkaEventLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaEventLogOptions>()
            .Bind(configuration.GetSection(KafkaEventLogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IEventLog, KafkaEventLog>();
        services.AddSingleton<IEventConsumerFactory, KafkaConsumers>();
        services.AddHostedService<KafkaTopicSetup>();
        services.AddEventConsumer<ArchiveEventInDatabase>(ArchiveEventInDatabase.ConsumerName);
        return services;
    }
}
