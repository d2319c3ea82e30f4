using System.IO.Compression;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Event bodies are stored compressed when that makes them smaller. Writing them was the largest cost of an append
/// on SQLite, which writes every page twice (to the WAL, then to the database file): a webhook's JSON shrinks to
/// about a fifth in some 10 µs. A body is still handed to its handlers byte for byte as it was received.
/// </summary>
internal static class EventBodies
{
    public const string Zlib = "zlib";

    /// <summary>Below this, what compression saves is not worth the work.</summary>
    private const int SmallestToCompress = 512;

    /// <returns>The bytes to store, and their encoding: null when stored as received.</returns>
    public static (byte[] Stored, string? Encoding) ToStore(byte[] body)
    {
        if (body.Length < SmallestToCompress)
        {
            return (body, null);
        }

        using var compressed = new MemoryStream(body.Length / 2);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(body);
        }

        return compressed.Length < body.Length ? (compressed.ToArray(), Zlib) : (body, null);
    }

    public static byte[] AsReceived(byte[] stored, string? encoding)
    {
        switch (encoding)
        {
            case null:
                return stored;
            case Zlib:
                using (var zlib = new ZLibStream(new MemoryStream(stored), CompressionMode.Decompress))
                using (var body = new MemoryStream(stored.Length * 5))
                {
                    zlib.CopyTo(body);
                    return body.ToArray();
                }

            default:
                throw new InvalidOperationException($"Event body stored with encoding '{encoding}', which this version of Switchboard cannot read.");
        }
    }
}
