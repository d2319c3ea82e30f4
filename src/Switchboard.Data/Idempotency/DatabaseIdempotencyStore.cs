using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data.Database;

namespace Switchboard.Data.Idempotency;

/// <summary>The primary key (person, key) decides which of two racing requests runs the command.</summary>
internal sealed class DatabaseIdempotencyStore(IDbContextFactory<SwitchboardDbContext> contexts, TimeProvider clock) : IIdempotencyStore
{
    public async Task<IdempotentStart> BeginAsync(PersonId person, string key, string fingerprint, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)));
        db.Add(new IdempotencyRecord { PersonId = person, Key = key, Fingerprint = fingerprint, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new IdempotentStart(IdempotentStartKind.New);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
        }

        var earlier = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.PersonId == person && r.Key == key, cancellationToken);
        if (earlier is null)
        {
            // The first request crashed and let go of the key between our insert and this read.
            return new IdempotentStart(IdempotentStartKind.InProgress);
        }

        if (earlier.Fingerprint != fingerprint)
        {
            return new IdempotentStart(IdempotentStartKind.ReusedForAnotherCommand);
        }

        return earlier.ResultJson is null
            ? new IdempotentStart(IdempotentStartKind.InProgress)
            : new IdempotentStart(IdempotentStartKind.Completed, Deserialize(earlier.ResultJson));
    }

    public async Task CompleteAsync(PersonId person, string key, CommandResult result, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = JsonSerializer.Serialize(new StoredResult(result.Reply, result.Error), ReplyJson.Options);
        await db.Set<IdempotencyRecord>()
            .Where(r => r.PersonId == person && r.Key == key)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.ResultJson, json), cancellationToken);
    }

    public async Task AbandonAsync(PersonId person, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<IdempotencyRecord>()
            .Where(r => r.PersonId == person && r.Key == key)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private static CommandResult Deserialize(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredResult>(json, ReplyJson.Options)
            ?? throw new JsonException("A stored idempotent result was empty.");
        return stored.Error is not null ? stored.Error : stored.Reply ?? throw new JsonException("A stored idempotent result had neither a reply nor an error.");
    }

    private sealed record StoredResult(Reply? Reply, Error? Error);
}
