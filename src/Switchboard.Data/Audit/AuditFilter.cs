using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Data.Audit;

/// <summary>The filters that <c>audit search</c>, <c>audit export</c> and the console's Audit page share.</summary>
internal sealed record AuditFilterArguments(
    [Option("Only this person's entries: @handle, e-mail or name. Without it, administrators see everyone's and others their own.")] PersonReference? Person = null,
    [Option("Only this command, e.g. \"team create\", or another action such as factors.locked.", MaxLength = 200)] string? Command = null,
    [Option("Only this outcome: refused, failed or succeeded.", MaxLength = 32)] string? Outcome = null,
    [Option("From this time on: an ISO 8601 time (2026-11-25T09:00Z) or a span back from now (30m, 24h, 7d).", MaxLength = 64)] string? Since = null,
    [Option("Up to this time, in the same forms as --since.", MaxLength = 64)] string? Until = null,
    [Option("At most this many entries, the newest that match; 100 for a search and 10000 for an export when omitted.")] int? Limit = null);

/// <summary>Turns the shared filters into a query over the chain; newest first.</summary>
internal sealed class AuditFilter(SwitchboardDbContext db, IPersonDirectory people, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Outcomes = [AuditOutcomes.Refused, AuditOutcomes.Failed, AuditOutcomes.Succeeded];

    /// <summary>
    /// Whose entries the actor may see: administrators anyone's, others only their own (the permission on
    /// <c>--person</c> already keeps them from naming someone else).
    /// </summary>
    public async Task<(List<AuditEntry>? Entries, Error? Error)> FindAsync(
        AuditFilterArguments arguments, Actor actor, int defaultLimit, int maxLimit, CancellationToken cancellationToken)
    {
        var limit = arguments.Limit ?? defaultLimit;
        if (limit < 1 || limit > maxLimit)
        {
            return (null, Error.Invalid("audit.invalid-limit", $"--limit must be between 1 and {maxLimit}."));
        }

        var outcome = arguments.Outcome?.Trim().ToLowerInvariant();
        if (outcome is not null && !Outcomes.Contains(outcome))
        {
            return (null, Error.Invalid("audit.invalid-outcome", $"--outcome must be one of {string.Join(", ", Outcomes)}, not '{arguments.Outcome}'."));
        }

        var now = clock.GetUtcNow();
        var (since, sinceError) = TimeOf(arguments.Since, "since", now);
        var (until, untilError) = TimeOf(arguments.Until, "until", now);
        if ((sinceError ?? untilError) is { } timeError)
        {
            return (null, timeError);
        }

        var query = db.Set<AuditEntry>().AsNoTracking();
        var person = actor.IsAdmin ? null : actor.Person;
        if (arguments.Person is { } reference)
        {
            person = await people.FindAsync(reference.Value, cancellationToken);
            if (person is null)
            {
                return (null, Error.NotFound("audit.unknown-person", $"No one in the Rolodex is '{reference.Value}'."));
            }
        }

        if (person is not null)
        {
            var id = person.Id;
            query = query.Where(e => e.PersonId == id);
        }

        if (!string.IsNullOrWhiteSpace(arguments.Command))
        {
            var action = arguments.Command.Trim().ToLowerInvariant();
            var asCommand = "command " + action;
            query = query.Where(e => e.Action == action || e.Action == asCommand);
        }

        if (outcome is not null)
        {
            query = query.Where(e => e.Outcome == outcome);
        }

        if (since is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (until is { } to)
        {
            query = query.Where(e => e.OccurredAt <= to);
        }

        return (await query.OrderByDescending(e => e.Sequence).Take(limit).ToListAsync(cancellationToken), null);
    }

    /// <summary>The handles of the people the entries name, for showing them.</summary>
    public async Task<IReadOnlyDictionary<PersonId, string>> HandlesAsync(IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var handles = new Dictionary<PersonId, string>();
        foreach (var id in entries.Select(e => e.PersonId).OfType<PersonId>().Distinct())
        {
            if (await people.FindAsync(id, cancellationToken) is { } found)
            {
                handles[id] = found.Handle;
            }
        }

        return handles;
    }

    private static (DateTimeOffset? At, Error? Error) TimeOf(string? text, string option, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var value = text.Trim();
        if (value.Length is > 1 and <= 6
            && int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && value[^1] is 'm' or 'h' or 'd')
        {
            var span = value[^1] switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            return (now - span, null);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at, null)
            : (null, Error.Invalid("audit.invalid-time", $"--{option} must be an ISO 8601 time such as 2026-11-25T09:00Z, or a span such as 30m, 24h or 7d; not '{value}'."));
    }
}
