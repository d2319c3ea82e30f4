namespace Switchboard.Modules.Rolodex.Vault;

/// <summary>
/// The <c>Vault</c> section: the key-encryption keys, which never live in the database. Keys come from
/// configuration (<c>Vault:Keys:&lt;id&gt;</c>, or the environment as <c>Vault__Keys__&lt;id&gt;</c>) and
/// from the key file; with neither, a key file is made under the data directory on first start.
/// </summary>
internal sealed class VaultOptions
{
    public const string SectionName = "Vault";

    /// <summary>The name of the key file made, and read, under the data directory when <see cref="KeyFile"/> is not set.</summary>
    public const string DefaultKeyFileName = "vault.keys";

    /// <summary>Key ids and their keys: 32 random bytes in base64 (<c>openssl rand -base64 32</c>).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key that wraps new entries, and that rotation re-wraps older ones under; needed when there are several.</summary>
    public string? ActiveKey { get; set; }

    /// <summary>A file of <c>&lt;id&gt; &lt;base64 key&gt;</c> lines; it must exist when named.</summary>
    public string? KeyFile { get; set; }
}
