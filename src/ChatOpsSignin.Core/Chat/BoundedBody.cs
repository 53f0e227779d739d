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

        using var buffer = new MemoryStream(contentLength is > 0 and var length ? (int)length : 4096);
        var chunk = new byte[Math.Min(16 * 1024, maxBytes + 1)];
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
}
