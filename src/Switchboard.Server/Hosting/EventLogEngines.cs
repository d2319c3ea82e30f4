using Switchboard.EventLog;
using Switchboard.EventLog.Kafka;

namespace Switchboard.Server.Hosting;

internal static class EventLogEngines
{
    /// <summary><c>EventLog:Engine</c>: the embedded table in Switchboard's database (the default), or Kafka.</summary>
    public static IServiceCollection AddEventLogEngine(this IServiceCollection services, IConfiguration configuration) =>
        configuration.GetValue($"{EventLogOptions.SectionName}:{nameof(EventLogOptions.Engine)}", EventLogEngine.Embedded) switch
        {
            EventLogEngine.Embedded => services.AddEmbeddedEventLog(),
            EventLogEngine.Kafka => services.AddKafkaEventLog(configuration),
        };
}
