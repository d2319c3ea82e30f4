using System.ComponentModel.DataAnnotations;

namespace Switchboard.Modules.Trust.SecurityKeys;

/// <summary>The <c>Trust:WebAuthn</c> section: the relying party that security keys and passkeys are bound to.</summary>
internal sealed class WebAuthnOptions
{
    public const string SectionName = "Trust:WebAuthn";

    /// <summary>The domain keys are registered for; the host of <c>Switchboard:PublicUrl</c> when unset. Changing it orphans every key.</summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>The name a browser shows when it asks for a key.</summary>
    [Required]
    public string RelyingPartyName { get; set; } = "Switchboard";

    /// <summary>The origins pages may ask from (<c>https://switchboard.example.com</c>); the origin of <c>Switchboard:PublicUrl</c> when empty.</summary>
    public IList<string> Origins { get; } = [];

    /// <summary>How long a browser has to answer options it was given.</summary>
    public TimeSpan CeremonyLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
