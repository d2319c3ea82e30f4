using static Switchboard.Architecture.Tests.SwitchboardAssemblies;

namespace Switchboard.Architecture.Tests;

/// <summary>The project-reference rules of STYLE.md section 9.3, read from the compiled assemblies.</summary>
public sealed class ProjectReferenceTests
{
    public static TheoryData<string> Assemblies => new(Names);

    public static TheoryData<string> Modules => new(ModuleNames);

    public static TheoryData<string> Migrations => new(Names.Where(n => n.StartsWith(MigrationsPrefix, StringComparison.Ordinal)));

    [Fact]
    public void FindsTheAssembliesItChecks()
    {
        Assert.Contains(CoreAssembly, Names);
        Assert.Contains(DataAssembly, Names);
        Assert.Contains(EventLogAssembly, Names);
        Assert.Contains(EventLogKafkaAssembly, Names);
        Assert.Contains(DeliveryAssembly, Names);
        Assert.Contains(ServerAssembly, Names);
        Assert.Contains(CliAssembly, Names);
        Assert.NotEmpty(ModuleNames);
    }

    [Fact]
    public void CoreReferencesOnlyTheBclAndMicrosoftExtensions()
    {
        var forbidden = ReferencesOf(CoreAssembly).Where(r => !IsBcl(r) && !r.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));

        AssertNoEdges(Edges(CoreAssembly, forbidden, "Core may reference only the BCL and Microsoft.Extensions.*"));
    }

    [Fact]
    public void CoreReferencesNeitherAspNetCoreNorEntityFrameworkCore()
    {
        var forbidden = ReferencesOf(CoreAssembly).Where(r =>
            r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

        AssertNoEdges(Edges(CoreAssembly, forbidden, "Core has no ASP.NET Core and no EF Core"));
    }

    [Fact]
    public void DataReferencesOnlyCoreAmongSwitchboardAssemblies()
    {
        AssertNoEdges(ForbiddenSwitchboardEdges(DataAssembly, [CoreAssembly], "Data may reference only Core"));
    }

    [Fact]
    public void TheEventLogReferencesOnlyCoreAndData()
    {
        AssertNoEdges(ForbiddenSwitchboardEdges(EventLogAssembly, [CoreAssembly, DataAssembly], "EventLog may reference only Core and Data"));
    }

    [Fact]
    public void TheKafkaEngineReferencesOnlyCoreDataAndTheEventLog()
    {
        AssertNoEdges(ForbiddenSwitchboardEdges(EventLogKafkaAssembly, [CoreAssembly, DataAssembly, EventLogAssembly], "EventLog.Kafka may reference only Core, Data and EventLog"));
    }

    [Fact]
    public void DeliveryReferencesOnlyCoreDataAndTheEventLog()
    {
        AssertNoEdges(ForbiddenSwitchboardEdges(DeliveryAssembly, [CoreAssembly, DataAssembly, EventLogAssembly], "Delivery may reference only Core, Data and EventLog"));
    }

    [Fact]
    public void TheCliReferencesOnlyCoreContracts()
    {
        AssertNoEdges(ForbiddenSwitchboardEdges(CliAssembly, [CoreAssembly], "the CLI talks to the server over HTTP and may reference only Core"));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void AModuleReferencesOnlyCoreDataTheEventLogAndDelivery(string module)
    {
        AssertNoEdges(ForbiddenSwitchboardEdges(
            module, [CoreAssembly, DataAssembly, EventLogAssembly, DeliveryAssembly], "a module may reference only Core, Data, EventLog and Delivery"));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void AModuleNeverReferencesAnotherModule(string module)
    {
        var forbidden = ReferencesOf(module).Where(IsModule);

        AssertNoEdges(Edges(module, forbidden, "modules talk only through Core contracts and events"));
    }

    [Theory]
    [MemberData(nameof(Migrations))]
    public void MigrationsReferenceOnlyTheProjectsThatOwnTables(string migrations)
    {
        var forbidden = ReferencesOf(migrations).Where(r =>
            IsSwitchboard(r) && r is not (CoreAssembly or DataAssembly or EventLogAssembly or DeliveryAssembly) && !IsModule(r));

        AssertNoEdges(Edges(migrations, forbidden, "migrations may reference only Data and the projects that contribute entities"));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NothingButTheServerReferencesTheServer(string assembly)
    {
        var forbidden = assembly == ServerAssembly ? [] : ReferencesOf(assembly).Where(r => r == ServerAssembly);

        AssertNoEdges(Edges(assembly, forbidden, "only the host composes the server"));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NothingShippedReferencesTheTestFixturesOrEmulators(string assembly)
    {
        var forbidden = ReferencesOf(assembly).Where(r => r is TestingAssembly or EmulatorsAssembly);

        AssertNoEdges(Edges(assembly, forbidden, "fixtures and vendor emulators serve tests and bench/ only"));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void EveryAssemblyIsCoveredByARule(string assembly)
    {
        var isCovered = assembly is CoreAssembly or DataAssembly or EventLogAssembly or EventLogKafkaAssembly or DeliveryAssembly or ServerAssembly or CliAssembly
            || IsModule(assembly)
            || assembly.StartsWith(MigrationsPrefix, StringComparison.Ordinal);

        Assert.True(isCovered, $"{assembly} has no project-reference rule here: add its row of STYLE.md section 9.3 to these tests.");
    }

    private static bool IsBcl(string name) =>
        name is "mscorlib" or "netstandard" || name == "System" || name.StartsWith("System.", StringComparison.Ordinal);

    private static List<string> ForbiddenSwitchboardEdges(string from, IReadOnlyCollection<string> allowed, string rule) =>
        Edges(from, ReferencesOf(from).Where(r => IsSwitchboard(r) && !allowed.Contains(r)), rule);

    private static List<string> Edges(string from, IEnumerable<string> to, string rule) =>
        to.Select(target => $"{from} -> {target} ({rule})").ToList();

    private static void AssertNoEdges(List<string> edges)
    {
        if (edges.Count > 0)
        {
            Assert.Fail("Forbidden project references (STYLE.md section 9.3):\n" + string.Join('\n', edges));
        }
    }
}
