using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Switchboard.Data.Database;

/// <summary>
/// EF caches a context type's model and reuses it for every application in the process that shares its internal services,
/// whatever modules that application composed. A test process hosts several compositions side by side, some with fewer
/// modules: a model cached by one of them made another's migration fail (EF's "model changes each time it is built").
/// Keyed by the modules' assemblies too, each composition gets its own model.
/// </summary>
internal sealed class ModuleModelCacheKeys : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, Modules(context));

    private static string Modules(DbContext context) =>
        context is SwitchboardDbContext switchboard
            ? string.Join('\n', switchboard.ModuleContributions().Select(c => c.Assembly.FullName).Order(StringComparer.Ordinal))
            : "";
}
