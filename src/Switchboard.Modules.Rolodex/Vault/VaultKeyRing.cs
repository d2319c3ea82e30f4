using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Secrets;
using Switchboard.Data.Database;

namespace Switchboard.Modules.Rolodex.Vault;

/// <summary>
/// The key-encryption keys this process holds, read once: every configured key opens the entries it
/// wrapped, and the active one wraps new entries. A configuration it cannot use stops the server at start
/// (<see cref="RekeyVault.RekeyVaultAtStart"/> loads it), with a message that never shows a key.
/// </summary>
internal sealed class VaultKeyRing
{
    private readonly Lazy<Loaded> _loaded;

    public VaultKeyRing(IOptions<VaultOptions> options, IOptions<DatabaseOptions> database, TimeProvider clock, ILogger<VaultKeyRing> logger) =>
        _loaded = new Lazy<Loaded>(() => Load(options.Value, database.Value.DataDirectory, clock, logger));

    public VaultKey Active => _loaded.Value.Active;

    public VaultKey? Find(string id) => _loaded.Value.Keys.GetValueOrDefault(id);

    public void Load() => _ = _loaded.Value;

    private static Loaded Load(VaultOptions options, string dataDirectory, TimeProvider clock, ILogger logger)
    {
        var keys = new Dictionary<string, VaultKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, text) in options.Keys)
        {
            Add(keys, id, text, $"Vault:Keys:{id}");
        }

        var file = Path.GetFullPath(options.KeyFile ?? Path.Combine(dataDirectory, VaultOptions.DefaultKeyFileName));
        if (File.Exists(file))
        {
            ReadKeyFile(keys, file);
        }
        else if (options.KeyFile is not null)
        {
            throw Unusable($"Vault:KeyFile names {file}, which does not exist.");
        }
        else if (keys.Count == 0)
        {
            var generated = NewKey(clock);
            if (KeyFile.TryCreate(file, KeyFileText(generated)))
            {
                keys.Add(generated.Id, generated);
                logger.VaultKeyGenerated(generated.Id, file);
            }
            else
            {
                ReadKeyFile(keys, file);
            }
        }

        return new Loaded(keys, ActiveOf(keys, options.ActiveKey));
    }

    private static VaultKey ActiveOf(Dictionary<string, VaultKey> keys, string? activeKey)
    {
        if (activeKey is not null)
        {
            return keys.GetValueOrDefault(activeKey)
                ?? throw Unusable($"Vault:ActiveKey is '{activeKey}', but no key has that id; the keys are {string.Join(", ", keys.Keys)}.");
        }

        return keys.Count == 1
            ? keys.Values.Single()
            : throw Unusable($"There are several vault keys ({string.Join(", ", keys.Keys)}): set Vault:ActiveKey to the one that wraps new entries.");
    }

    private static void ReadKeyFile(Dictionary<string, VaultKey> keys, string file)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw Unusable($"Line {i + 1} of the vault key file {file} is not '<id> <base64 key>'.");
            }

            Add(keys, parts[0], parts[1], $"line {i + 1} of {file}");
        }
    }

    private static void Add(Dictionary<string, VaultKey> keys, string id, string text, string source)
    {
        if (!VaultRules.IsKeyId(id))
        {
            throw Unusable($"The vault key id '{id}' ({source}) must be 1 to 64 letters, digits, '.', '-' or '_'.");
        }

        var material = new byte[VaultEnvelope.KeySize];
        if (!Convert.TryFromBase64String(text.Trim(), material, out var written) || written != VaultEnvelope.KeySize)
        {
            throw Unusable($"The vault key {id} ({source}) is not 32 bytes in base64; 'openssl rand -base64 32' makes one.");
        }

        if (keys.TryGetValue(id, out var earlier) && !earlier.Material.AsSpan().SequenceEqual(material))
        {
            throw Unusable($"The vault key id {id} is given twice with different keys ({source} is the second).");
        }

        keys[id] = new VaultKey(id, material);
    }

    /// <summary>The embedded default: a new key, kept in a file beside the database.</summary>
    private static VaultKey NewKey(TimeProvider clock) =>
        new(string.Create(CultureInfo.InvariantCulture, $"k{clock.GetUtcNow():yyyyMMdd}"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(VaultEnvelope.KeySize));

    private static string KeyFileText(VaultKey key) => new StringBuilder()
        .AppendLine("# Switchboard's vault key-encryption keys, one '<id> <base64 key>' per line. The vault cannot be read")
        .AppendLine("# without them: back this file up, apart from the database. See the Rolodex README to rotate keys.")
        .Append(key.Id).Append(' ').AppendLine(Convert.ToBase64String(key.Material))
        .ToString();

    private static InvalidOperationException Unusable(string problem) => new($"The vault's keys cannot be used: {problem}");

    private sealed record Loaded(IReadOnlyDictionary<string, VaultKey> Keys, VaultKey Active);
}
