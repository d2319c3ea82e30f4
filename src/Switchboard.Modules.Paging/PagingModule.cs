using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Catalog;
using Switchboard.Core.Modules;
using Switchboard.EventLog;
using Switchboard.Modules.Paging.AcknowledgeIncident;
using Switchboard.Modules.Paging.AddIncidentNote;
using Switchboard.Modules.Paging.EscalateIncident;
using Switchboard.Modules.Paging.Incidents;
using Switchboard.Modules.Paging.ListIncidents;
using Switchboard.Modules.Paging.PagerDuty;
using Switchboard.Modules.Paging.PageSomeone;
using Switchboard.Modules.Paging.PostIncidentMessages;
using Switchboard.Modules.Paging.ReassignIncident;
using Switchboard.Modules.Paging.ResolveIncident;
using Switchboard.Modules.Paging.ShowIncident;
using Switchboard.Modules.Paging.ShowIncidentTimeline;
using Switchboard.Modules.Paging.ShowOnCall;

namespace Switchboard.Modules.Paging;

/// <summary>
/// PagerDuty from chat: list, show, acknowledge, resolve, escalate, reassign and annotate incidents and page people,
/// teams and services, always as the person who asks (their own OAuth token, or the account key with their proven
/// login e-mail in <c>From</c>), so PagerDuty's log names a human, never a bot. Each incident has one message in its
/// owning service's channel, kept current from PagerDuty's webhooks, so Notify leaves that channel to paging.
/// </summary>
public static class PagingModule
{
    public static IServiceCollection AddPagingModule(this IServiceCollection services)
    {
        services.AddOptions<PagingOptions>().BindConfiguration(PagingOptions.SectionName).ValidateOnStart();
        services.AddHttpClient<PagerDutyClient>(ConfigurePagerDuty);
        services.AddScoped<PagerDutyAccounts>();
        services.AddScoped<PageTargets>();
        services.AddScoped<IncidentActions>();
        services.AddScoped<IncidentMessages>();
        services.AddScoped<IncidentContext>();
        services.AddScoped<OnCallScope>();
        services.AddEventConsumer<PostIncidentMessage>(PostIncidentMessage.ConsumerName, PostIncidentMessage.Source);
        services.AddSingleton(new OwningChannelMessages(PostIncidentMessage.Source, "incidents"));

        services.AddSwitchboardModule(name: "paging", owningTeam: "platform")
            .AddCommand<ListIncidentsCommand>()
            .AddCommand<ShowIncidentCommand>()
            .AddCommand<AcknowledgeIncidentCommand>()
            .AddCommand<ResolveIncidentCommand>()
            .AddCommand<EscalateIncidentCommand>()
            .AddCommand<ReassignIncidentCommand>()
            .AddCommand<AddIncidentNoteCommand>()
            .AddCommand<PageCommand>()
            .AddCommand<IncidentTimelineCommand>()
            .AddCommand<OnCallCommand>();

        return services;
    }

    private static void ConfigurePagerDuty(IServiceProvider services, HttpClient http)
    {
        var options = services.GetRequiredService<IOptions<PagingOptions>>().Value;
        http.BaseAddress = options.ApiUrl;
        http.Timeout = options.RequestTimeout;
    }
}
