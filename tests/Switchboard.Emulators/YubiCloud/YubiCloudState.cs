using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Switchboard.Emulators.YubiCloud;

/// <summary>What the validation server knows: API clients with their keys, and YubiKeys with the last counter each has shown.</summary>
public sealed class YubiCloudState(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, byte[]> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KnownKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Otp, string Nonce), bool> _requests = new();
    private readonly ConcurrentQueue<string> _statuses = new();

    public TimeProvider Clock { get; } = clock;

    /// <summary>Every status the server answered, oldest first.</summary>
    public IReadOnlyCollection<string> Answered => _statuses;

    /// <returns>The API key, base64, as Yubico issues it.</returns>
    public string AddClient(string clientId)
    {
        var key = RandomNumberGenerator.GetBytes(20);
        _clients[clientId] = key;
        return Convert.ToBase64String(key);
    }

    /// <summary>A new YubiKey whose secret the server holds, as for a key Yubico programmed.</summary>
    public VirtualYubiKey AddKey()
    {
        var key = VirtualYubiKey.Random(Clock);
        _keys[key.PublicId] = new KnownKey(key);
        return key;
    }

    internal byte[]? ApiKeyOf(string clientId) => _clients.GetValueOrDefault(clientId);

    internal KnownKey? KeyOf(string publicId) => _keys.GetValueOrDefault(publicId);

    /// <summary>Whether the OTP and nonce were asked about before; remembers them.</summary>
    internal bool IsRepeated(string otp, string nonce) => !_requests.TryAdd((otp, nonce), true);

    internal void Record(string status) => _statuses.Enqueue(status);

    internal sealed class KnownKey(VirtualYubiKey key)
    {
        public VirtualYubiKey Key { get; } = key;

        public int LastCounter { get; set; } = -1;
    }
}
