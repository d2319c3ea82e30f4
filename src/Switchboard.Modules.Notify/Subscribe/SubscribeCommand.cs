using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Filters;
using Switchboard.Modules.Notify.Subscriptions;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.Subscribe;

/// <summary>
/// <c>subscribe</c>: a channel starts receiving a source's events about a scope, those a filter matches
/// if it has one; subscribing again replaces the features and the filter.
/// </summary>
internal sealed class SubscribeCommand(SwitchboardDbContext db, ChannelPosts channels, ServiceCatalog catalog, SourceFeatures sources, TimeProvider clock) : ICommandHandler<SubscribeArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "subscribe",
        Summary: "Send a source's events about a repository, organisation, service or team to a channel.",
        Permission: NotifyPermissions.Subscribe,
        Examples:
        [
            "subscribe github Codertocat/Hello-World issues pulls --in #ops",
            "subscribe github Codertocat issues pulls --filter \"label:bug and not author:dependabot[bot]\" --in #ops",
            "subscribe pagerduty PF9KMXH --in #ops",
            "subscribe sentry team:ops --in #ops",
        ]);

    public async Task<CommandResult> HandleAsync(SubscribeArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (request, error) = await SubscriptionRequest.ReadAsync(arguments.Source, arguments.Scope, arguments.In, sources, channels, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        if (request.ScopeKey.StartsWith(ServiceScopes.ServicePrefix, StringComparison.Ordinal)
            && await catalog.FindAsync(request.ScopeKey[ServiceScopes.ServicePrefix.Length..], cancellationToken) is null)
        {
            return NotifyErrors.UnknownService(request.Scope[ServiceScopes.ServicePrefix.Length..]);
        }

        var features = (arguments.Features ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.ToLowerInvariant()).Distinct().ToList();
        var known = sources.Of(request.Source)!;
        if (features.FirstOrDefault(f => !known.Contains(f)) is { } unknown)
        {
            return NotifyErrors.UnknownFeature(request.Source, unknown, known);
        }

        var (filter, filterError) = arguments.Filter is null ? (null, null) : SubscriptionFilter.Parse(arguments.Filter);
        if (filterError is not null)
        {
            return filterError;
        }

        var chosen = string.Join(' ', features.Count == 0 ? known : features);
        var existing = await db.Set<Subscription>()
            .SingleOrDefaultAsync(s => s.Source == request.Source && s.ScopeKey == request.ScopeKey && s.Channel == request.Channel, cancellationToken);
        if (existing is null)
        {
            db.Add(new Subscription
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Source = request.Source,
                Scope = request.Scope,
                ScopeKey = request.ScopeKey,
                Features = chosen,
                Filter = filter,
                Channel = request.Channel,
                CreatedBy = actor.PersonId,
                CreatedAt = clock.GetUtcNow(),
            });
        }
        else
        {
            existing.Features = chosen;
            existing.Filter = filter;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Reply.Text(
            $"#{request.Channel} now gets {request.Source} {chosen.Replace(" ", ", ", StringComparison.Ordinal)} for `{request.Scope}`"
            + (filter is null ? "" : $" matching {Code(filter.Text)}")
            + (existing is null ? "." : ", instead of what it got before."),
            Severity.Success);
    }
}

internal sealed record SubscribeArguments(
    [Argument("github, pagerduty, sentry, rollbar, librato, or a custom source configured here.", MaxLength = 64)] string Source,
    [Argument("owner/repo or an organisation for GitHub, the vendor's service or project id elsewhere, or service:<name> or team:<name> from the catalog.", MaxLength = 200)] string Scope,
    [Argument("What to receive, e.g. issues pulls; everything the source sends when omitted.", TakesRest = true, MaxLength = 400)] string? Features = null,
    [Option("Only what matches, e.g. \"label:bug and not is:bot\": label:, author:, is:bot, branch:, environment: (env:), severity:, state:, joined by and, or, not and parentheses; * in a value matches anything.", MaxLength = SubscriptionFilter.MaxLength)] string? Filter = null,
    [Option("The channel that gets the notifications, e.g. #ops.", MaxLength = 81)] string? In = null);

/// <summary>The source, scope and channel of a subscribe or unsubscribe, checked and normalised.</summary>
/// <param name="Scope">As typed: GitHub names ignore case, but vendors' ids are shown as the vendor writes them.</param>
internal sealed record SubscriptionRequest(string Source, string Scope, string Channel)
{
    public string ScopeKey => Scope.ToLowerInvariant();

    public static async Task<(SubscriptionRequest?, Core.Errors.Error?)> ReadAsync(
        string source, string scope, string? channel, SourceFeatures sources, ChannelPosts channels, CancellationToken cancellationToken)
    {
        var name = source.ToLowerInvariant();
        if (sources.Of(name) is null)
        {
            return (null, NotifyErrors.UnknownSource(source, sources.Sources));
        }

        if (string.IsNullOrWhiteSpace(channel))
        {
            return (null, NotifyErrors.NoChannel());
        }

        var channelName = channel.TrimStart('#').ToLowerInvariant();
        return await channels.ExistsAsync(channelName, cancellationToken)
            ? (new SubscriptionRequest(name, scope.Trim(), channelName), null)
            : (null, NotifyErrors.UnknownChannel(channel));
    }
}
