using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Switchboard.Server.Hosting;

/// <summary>
/// Gives Kestrel 32 KB buffers instead of its 4 KB blocks. A webhook's body is typically 5 to 30 KB: in 4 KB blocks a
/// 13.5 KB GitHub delivery took seven receives, each waking the request that reads it; in 32 KB it takes one.
/// </summary>
internal sealed class ReceiveBufferPools : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new ReceiveBufferPool();
}

/// <summary>Lends arrays of the shared array pool, which keeps them per core and gives them back under memory pressure.</summary>
internal sealed class ReceiveBufferPool : MemoryPool<byte>
{
    private const int BufferSize = 32 * 1024;

    public override int MaxBufferSize => BufferSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Lent(ArrayPool<byte>.Shared.Rent(Math.Max(minBufferSize, BufferSize)));

    /// <summary>Nothing is held here: every lent array goes back to the shared pool.</summary>
    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Lent(byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Lent));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                ArrayPool<byte>.Shared.Return(returned);
            }
        }
    }
}
