using System.Globalization;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.ShowOnCall;

/// <summary>
/// <c>oncall [team|service|schedule]</c>: who is on call now and who is next, at each level of each escalation policy,
/// worked out here from PagerDuty's on-call shifts for the coming week, read as the person.
/// </summary>
internal sealed class OnCallCommand(PagerDutyAccounts accounts, PagerDutyClient pagerDuty, OnCallScope scope, TimeProvider clock) : ICommandHandler<OnCallArguments>
{
    // Far enough ahead to find the next shift of a weekly rotation.
    private static readonly TimeSpan LookAhead = TimeSpan.FromDays(7);

    public static CommandDefinition Definition { get; } = new(
        Verb: "oncall",
        Summary: "Who is on call now and next: for a team, a service, a PagerDuty schedule, or your teams.",
        Permission: PagingPermissions.Read,
        // It needs a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        IsReadOnly = true,
        Variants = ["oncall ops", "oncall"],
    };

    public async Task<CommandResult> HandleAsync(OnCallArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await accounts.ActAsAsync(actor.PersonId, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var (filter, error) = await scope.ResolveAsync(caller, actor.PersonId, arguments.Target, cancellationToken);
        if (filter is null)
        {
            return error!;
        }

        var now = clock.GetUtcNow();
        var answer = await pagerDuty.ListOnCallsAsync(caller, now, now + LookAhead, filter.EscalationPolicyIds, filter.ScheduleIds, cancellationToken);
        if (answer.Value is not { } onCalls)
        {
            return answer.Error!;
        }

        var levels = onCalls
            .GroupBy(o => (Policy: o.EscalationPolicy.Id, Level: o.EscalationLevel, Schedule: o.Schedule?.Id))
            .OrderBy(g => g.First().EscalationPolicy.Summary, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Level)
            .ToList();
        if (levels.Count == 0)
        {
            return Reply.Text($"Nobody is on call for {filter.Label} in PagerDuty.", Severity.Warning);
        }

        var reply = Reply.Build(Severity.Info).Line($"On call for {filter.Label}:");
        foreach (var level in levels)
        {
            reply.Line(await DescribeAsync(level.ToList(), now, cancellationToken));
        }

        return reply.ToReply();
    }

    // The shift covering now and the first one starting after it, at one level of one policy.
    private async Task<string> DescribeAsync(List<PagerDutyOnCall> shifts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = shifts[0];
        var current = shifts.Where(s => (s.Start ?? now) <= now && (s.End is not { } end || end > now)).ToList();
        var next = shifts.Where(s => s.Start > now).OrderBy(s => s.Start).FirstOrDefault();
        var where = $"**{first.EscalationPolicy.Summary ?? first.EscalationPolicy.Id}** level {first.EscalationLevel.ToString(CultureInfo.InvariantCulture)}"
            + (first.Schedule is { } schedule ? $" ({schedule.Summary ?? schedule.Id})" : "");
        var nowPart = current.Count == 0
            ? "nobody now"
            : $"now {string.Join(", ", await accounts.NamesOfAsync(current.Select(s => s.User), cancellationToken))}"
              + (current.Select(s => s.End).Min() is { } until ? $" until {Time(until)}" : " (always)");
        var nextPart = next is null
            ? ""
            : $"; next {(await accounts.NamesOfAsync([next.User], cancellationToken))[0]} from {Time(next.Start!.Value)}" + (next.End is { } ends ? $" until {Time(ends)}" : "");
        return $"{where}: {nowPart}{nextPart}";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}

internal sealed record OnCallArguments(
    [Argument("A team, a catalog service, or a PagerDuty schedule's name or id; your teams' when omitted.", MaxLength = 64)] string? Target = null);
