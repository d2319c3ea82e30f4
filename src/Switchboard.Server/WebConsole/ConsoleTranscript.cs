using Microsoft.Extensions.Caching.Memory;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The commands a console session ran and their replies, newest last, kept in this process's memory
/// for the session's working day: the console's scrollback and its command history.
/// </summary>
internal sealed class ConsoleTranscript(IMemoryCache cache)
{
    public const int MaxEntries = 50;
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(12);

    public IReadOnlyList<TranscriptEntry> Of(Guid session) =>
        cache.Get<List<TranscriptEntry>>(Key(session)) is { } entries ? Snapshot(entries) : [];

    /// <summary>Adds an entry, unless a resubmitted form already added one with the same key.</summary>
    public void Add(Guid session, TranscriptEntry entry)
    {
        var entries = cache.GetOrCreate(Key(session), item =>
        {
            item.SlidingExpiration = IdleLifetime;
            return new List<TranscriptEntry>();
        })!;
        lock (entries)
        {
            if (entries.Any(e => e.Key == entry.Key))
            {
                return;
            }

            entries.Add(entry);
            if (entries.Count > MaxEntries)
            {
                entries.RemoveAt(0);
            }
        }
    }

    private static List<TranscriptEntry> Snapshot(List<TranscriptEntry> entries)
    {
        lock (entries)
        {
            return [.. entries];
        }
    }

    private static (string, Guid) Key(Guid session) => ("console.transcript", session);
}

/// <param name="Key">The idempotency key of the form that ran it.</param>
public sealed record TranscriptEntry(string Line, string Key, Reply? Reply, Error? Error);
