using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Switchboard.Data.Database;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each model it runs against. A compiled query skips the
/// translation cache's lookup, which on a consumer's hot path costs more than the statement, but EF binds it to the
/// first model it meets, and one process may hold several (the tests run SQLite and PostgreSQL side by side).
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
