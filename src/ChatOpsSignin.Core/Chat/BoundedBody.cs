using System.Buffers;

namespace ChatOpsSignin.Core.Chat;

/// <summary>Reads an inbound body up to a size limit, so an oversized request costs no more than the limit.</summary>
public static class BoundedBody
{
    /// <returns>The body, or null when it is (or claims to be) larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength > maxBytes)
        {
            return null;
        }

        return contentLength is { } length
            ? await ReadExactlyAsync(body, (int)length, cancellationToken)
            : await ReadToEndAsync(body, maxBytes, cancellationToken);
    }

    /// <summary>
    /// A declared length (every Slack and Bot Framework request has one) is read straight into an array of that size: a
    /// 16 KiB scratch chunk per request was the largest allocation of a Slack command. A body that ends early is returned
    /// as it came (its signature then fails); one that runs on past its length counts as too large.
    /// </summary>
    private static async Task<byte[]?> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(length);
        var filled = await body.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, cancellationToken);
        if (filled < length)
        {
            return buffer[..filled];
        }

        var beyond = new byte[1];
        return await body.ReadAsync(beyond, cancellationToken) == 0 ? buffer : null;
    }

    private static async Task<byte[]?> ReadToEndAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(4096);
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(16 * 1024, maxBytes + 1));
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
