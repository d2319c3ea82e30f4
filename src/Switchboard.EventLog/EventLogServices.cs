using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Modules;
using Switchboard.EventLog.Embedded;

namespace Switchboard.EventLog;

public static class EventLogServices
{
    /// <summary>The embedded event log: a table in Switchboard's database, group-committed, consumed in commit order.</summary>
    public static IServiceCollection AddSwitchboardEventLog(this IServiceCollection services)
    {
        services.AddOptions<EventLogOptions>();
        services.AddSingleton<EventLogActivity>();
        services.AddSingleton<EmbeddedEventLog>();
        services.AddSingleton<IEventLog>(provider => provider.GetRequiredService<EmbeddedEventLog>());
        services.AddSingleton<IEventLogKeys>(provider => provider.GetRequiredService<EmbeddedEventLog>());
        services.AddSingleton<EventSequencer>();
        services.AddSwitchboardModule(name: "events", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(EventLogServices).Assembly);
        return services;
    }

    /// <summary>
    /// Runs a handler over the whole log, from its own checkpoint, in processes that do background work.
    /// The name is the checkpoint's: renaming a consumer replays the log to it.
    /// </summary>
    public static IServiceCollection AddEventConsumer<THandler>(this IServiceCollection services, string name)
        where THandler : class, IEventHandler
    {
        services.AddScoped<THandler>();
        services.AddSingleton<IHostedService>(provider => new EventConsumer<THandler>(
            name,
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<EventSequencer>(),
            provider.GetRequiredService<EventLogActivity>(),
            provider.GetRequiredService<IOptions<EventLogOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<EventConsumer<THandler>>>()));
        return services;
    }
}

public sealed class EventLogOptions
{
    /// <summary>Whether this process runs the consumers; a web-only process appends and leaves handling to the workers.</summary>
    public bool Consume { get; set; } = true;
}
