using Microsoft.Extensions.Hosting;

namespace Switchboard.EventLog.Consuming;

/// <summary>Makes the background service that feeds the log to one named consumer: each engine reads its log its own way.</summary>
internal interface IEventConsumerFactory
{
    IHostedService Create<THandler>(string name, WantedSources sources)
        where THandler : class, IEventHandler;
}

/// <summary>The sources whose events a consumer's handler wants; empty for every source.</summary>
internal sealed class WantedSources(IReadOnlyCollection<string> sources)
{
    public IReadOnlyCollection<string> Names { get; } = sources;

    public bool All => Names.Count == 0;

    public bool Include(string source) => All || Names.Contains(source);
}
