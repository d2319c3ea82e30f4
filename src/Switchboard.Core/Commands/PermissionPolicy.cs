namespace Switchboard.Core.Commands;

/// <summary>
/// The permission a command needs, possibly decided from its arguments: linking an identity for
/// yourself needs less than asserting one for someone else.
/// </summary>
public sealed class PermissionPolicy
{
    private readonly Func<object, Permission> _permissionFor;

    private PermissionPolicy(Permission least, Func<object, Permission> permissionFor)
    {
        Least = least;
        _permissionFor = permissionFor;
    }

    /// <summary>The permission needed in the simplest use, shown by <c>help</c>.</summary>
    public Permission Least { get; }

    public static PermissionPolicy FromArguments<TArguments>(Permission least, Func<TArguments, Permission> permissionFor) =>
        new(least, arguments => permissionFor((TArguments)arguments));

    public static implicit operator PermissionPolicy(Permission permission) => new(permission, _ => permission);

    public Permission RequiredFor(object arguments) => _permissionFor(arguments);
}
