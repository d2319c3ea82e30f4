using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Switchboard.Data.Database;

/// <summary>
/// Inserts one row straight through the context's connection and transaction, without change tracking: for the
/// few inserts on a consumer's hot path whose generated key is needed at once, where a whole <c>SaveChanges</c> per row
/// costs several times the insert. The statement and each value's conversion come from the model, as EF's own would.
/// </summary>
public static class RowInserts
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Entity), Statement> Statements = new();

    /// <summary>Inserts the entity's row and answers the key the database generated for it; the entity is not tracked.</summary>
    public static async Task<long> InsertReturningKeyAsync<TEntity>(this SwitchboardDbContext db, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        var statement = Statements.GetOrAdd((db.Model, typeof(TEntity)), key => Statement.For(db, key.Entity));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = statement.Sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < statement.Columns.Count; i++)
            {
                var property = statement.Columns[i];
                command.Parameters.Add(property.GetRelationalTypeMapping()
                    .CreateParameter(command, statement.ParameterNames[i], property.GetGetter().GetClrValueUsingContainingEntity(entity), property.IsNullable));
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Statement(string Sql, IReadOnlyList<IProperty> Columns, IReadOnlyList<string> ParameterNames)
    {
        public static Statement For(SwitchboardDbContext db, Type entity)
        {
            var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var key = type.FindPrimaryKey()!.Properties.Single();
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = type.GetProperties().Where(p => p != key).ToList();
            var names = columns.Select((_, i) => sql.GenerateParameterName("p" + i.ToString(CultureInfo.InvariantCulture))).ToList();
            return new Statement(
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                    + $"VALUES ({string.Join(", ", names)}) RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}",
                columns,
                names);
        }
    }
}
