using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Switchboard.Modules.Rolodex.People;

internal static partial class PersonRules
{
    public static bool IsEmail(string email) =>
        email.Length <= 320 && MailAddress.TryCreate(email, out var address) && address.Address == email;

    public static bool IsHandle(string handle) => HandlePattern().IsMatch(handle);

    public static bool IsTimeZone(string zone) => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);

    /// <summary>The local part of the address, cleaned up: <c>Jane.Doe+ops@example.com</c> gives <c>jane.doe</c>.</summary>
    public static string HandleFrom(string email)
    {
        var local = email.Split('@')[0].Split('+')[0].ToLowerInvariant();
        var cleaned = new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').ToArray()).TrimStart('.', '-', '_');
        return cleaned.Length >= 2 ? cleaned[..Math.Min(cleaned.Length, 60)] : "person";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex HandlePattern();
}
