using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Switchboard.Core.People;

namespace Switchboard.Data.Database;

internal sealed class PersonIdConverter() : ValueConverter<PersonId, Guid>(id => id.Value, value => new PersonId(value));

internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    time => time.ToUnixTimeMilliseconds(),
    milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
