using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.EventLog;

/// <summary>Reads a request body to append, up to a limit, into an array of its exact size.</summary>
public static class IngressBodies
{
    /// <returns>The body, or null when it is larger than <paramref name="limit"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpContext context, long limit)
    {
        // Refused before the body's limit is lowered, which Kestrel enforces on whatever reads the body next.
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1;
        }

        try
        {
            return await ReadAsync(context.Request.Body, context.Request.ContentLength, limit, context.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body of no declared length can pass the server's limit, set above, before the loop below sees it.
            return null;
        }
    }

    private static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        if (declaredLength is { } length)
        {
            // The server holds the body to its declared length; a sender that stops early is left with a body whose signature fails.
            var exact = new byte[length];
            var received = await body.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, cancellationToken);
            return received == exact.Length ? exact : exact[..received];
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
