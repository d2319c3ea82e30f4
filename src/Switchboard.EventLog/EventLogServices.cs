using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Core.Modules;
using Switchboard.EventLog.Browsing;
using Switchboard.EventLog.Consuming;
using Switchboard.EventLog.Embedded;
using Switchboard.EventLog.Retention;

namespace Switchboard.EventLog;

public static class EventLogServices
{
    /// <summary>
    /// What every engine shares: the <c>EventLog</c> options, the tables (the log, checkpoints, dead
    /// letters, handled events) and the reader operators browse them with. An engine comes on top: <see cref="AddEmbeddedEventLog"/> or the Kafka engine's.
    /// </summary>
    public static IServiceCollection AddSwitchboardEventLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventLogOptions>().Bind(configuration.GetSection(EventLogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEventLogKeys, EventLogKeys>();
        services.AddSingleton<EventLogTelemetry>();
        services.AddSingleton<IngressPressure>();
        services.AddSingleton<WriterTurns>();
        services.AddSingleton<LoggedKeys>();
        services.AddSingleton<EventLogRetention>();
        services.AddHostedService<EventLogPruner>();
        services.AddScoped<IEventLogReader, EventLogReader>();
        services.AddSwitchboardModule(name: "events", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(EventLogServices).Assembly);
        return services;
    }

    /// <summary>The embedded engine: a table in Switchboard's database, group-committed, consumed in commit order.</summary>
    public static IServiceCollection AddEmbeddedEventLog(this IServiceCollection services)
    {
        services.AddSingleton<EventLogActivity>();
        services.AddHostedService<ReadLoggedKeysAtStart>();
        services.AddSingleton<EmbeddedEventLog>();
        services.AddSingleton<IEventLog>(provider => provider.GetRequiredService<EmbeddedEventLog>());
        services.AddHostedService<WalCheckpointer>();
        services.AddSingleton<IEventConsumerFactory, EmbeddedConsumers>();
        return services;
    }

    /// <summary>
    /// Runs a handler over the whole log, from its own progress, in processes that do background work.
    /// The name is the progress's (and, on Kafka, the consumer group's): renaming a consumer replays the log to it.
    /// </summary>
    /// <param name="sources">
    /// The sources whose events the handler wants; the others pass it by without being read. None: every event.
    /// </param>
    public static IServiceCollection AddEventConsumer<THandler>(this IServiceCollection services, string name, params string[] sources)
        where THandler : class, IEventHandler
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new EventConsumerName(name));
        var wanted = new WantedSources(sources);
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<IEventConsumerFactory>().Create<THandler>(name, wanted));
        return services;
    }
}

/// <summary>Bound from <c>EventLog</c>.</summary>
public sealed class EventLogOptions
{
    public const string SectionName = "EventLog";

    /// <summary><c>Embedded</c> (a table in Switchboard's database) or <c>Kafka</c> (settings under <c>EventLog:Kafka</c>).</summary>
    public EventLogEngine Engine { get; set; } = EventLogEngine.Embedded;

    /// <summary>Whether this process runs the consumers; a web-only process appends and leaves handling to the workers.</summary>
    public bool Consume { get; set; } = true;

    /// <summary>How many days after its receipt an event is kept, and longer while a consumer has not handled it; 0 keeps events for ever.</summary>
    [Range(0, 36500, ErrorMessage = "EventLog:RetentionDays must be a number of days from 0 (keep events for ever) to 36500.")]
    public int RetentionDays { get; set; } = 30;
}

/// <summary>A consumer this process runs: the log keeps events until each of them has handled them.</summary>
internal sealed record EventConsumerName(string Name);

public enum EventLogEngine
{
    Embedded,
    Kafka,
}
