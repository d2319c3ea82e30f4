namespace Switchboard.Core.Commands;

/// <summary>A named right, <c>&lt;module&gt;.&lt;action&gt;</c>, and who holds it.</summary>
public sealed record Permission(string Name, PermissionHolder HeldBy)
{
    public static Permission Anyone(string name) => new(name, PermissionHolder.AnyPerson);

    public static Permission AdminsOnly(string name) => new(name, PermissionHolder.Admins);

    public bool IsHeldBy(Actor actor) => HeldBy switch
    {
        PermissionHolder.AnyPerson => true,
        PermissionHolder.Admins => actor.IsAdmin,
    };
}

public enum PermissionHolder
{
    AnyPerson,
    Admins,
}
