using System.Reflection;

namespace Switchboard.Architecture.Tests;

/// <summary>The assemblies of the src projects, which this project references so that they are copied beside it.</summary>
internal static class SwitchboardAssemblies
{
    public const string CoreAssembly = "Switchboard.Core";
    public const string DataAssembly = "Switchboard.Data";
    public const string EventLogAssembly = "Switchboard.EventLog";
    public const string EventLogKafkaAssembly = "Switchboard.EventLog.Kafka";
    public const string DeliveryAssembly = "Switchboard.Delivery";
    public const string ServerAssembly = "Switchboard.Server";
    public const string CliAssembly = "Switchboard.Cli";
    public const string ModulePrefix = "Switchboard.Modules.";
    public const string MigrationsPrefix = "Switchboard.Data.Migrations.";
    public const string TestingAssembly = "Switchboard.Testing";
    public const string EmulatorsAssembly = "Switchboard.Emulators";

    public static IReadOnlyList<string> Names { get; } = Directory
        .GetFiles(AppContext.BaseDirectory, "Switchboard.*.dll")
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name is not (TestingAssembly or EmulatorsAssembly))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<string> ModuleNames { get; } = Names.Where(IsModule).ToList();

    public static bool IsModule(string name) => name.StartsWith(ModulePrefix, StringComparison.Ordinal);

    public static bool IsSwitchboard(string name) => name == "Switchboard" || name.StartsWith("Switchboard.", StringComparison.Ordinal);

    public static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    public static IReadOnlyList<string> ReferencesOf(string name) =>
        Load(name).GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal).ToList();
}
