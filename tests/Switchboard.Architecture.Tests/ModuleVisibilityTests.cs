using static Switchboard.Architecture.Tests.SwitchboardAssemblies;

namespace Switchboard.Architecture.Tests;

/// <summary>A module's only public type is its <c>XxxModule</c> registration class (STYLE.md sections 8 and 9.1).</summary>
public sealed class ModuleVisibilityTests
{
    public static TheoryData<string> Modules => new(ModuleNames);

    [Theory]
    [MemberData(nameof(Modules))]
    public void AModulesOnlyPublicTypeIsItsModuleClass(string module)
    {
        var expected = $"{module}.{module[ModulePrefix.Length..]}Module";

        var exported = Load(module).GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal([expected], exported);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void AModuleClassIsStatic(string module)
    {
        var name = $"{module}.{module[ModulePrefix.Length..]}Module";

        var type = Load(module).GetType(name);

        Assert.NotNull(type);
        Assert.True(type.IsAbstract && type.IsSealed, $"{name} must be a static class.");
    }
}
