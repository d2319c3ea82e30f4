using Microsoft.Extensions.Hosting;

namespace Switchboard.EventLog.Consuming;

/// <summary>Makes the background service that feeds the log to one named consumer: each engine reads its log its own way.</summary>
internal interface IEventConsumerFactory
{
    IHostedService Create<THandler>(string name)
        where THandler : class, IEventHandler;
}
