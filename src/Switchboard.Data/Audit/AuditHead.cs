using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Switchboard.Data.Audit;

/// <summary>The newest link of the chain as published outside the database: <c>sequence:hash</c>.</summary>
internal sealed record AuditHead(long Sequence, string Hash)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}:{Hash}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out AuditHead? head)
    {
        head = null;
        var parts = text?.Trim().Split(':');
        if (parts is not [var sequence, var hash]
            || !long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < 1
            || hash.Length != 64
            || !hash.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        head = new AuditHead(number, hash);
        return true;
    }
}
