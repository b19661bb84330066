using System.Text.Unicode;

namespace Mahse.Cms.Media;

/// <summary>
/// Checks that a file's bytes are what its extension claims, so a script renamed to .png is refused.
/// Office files are ZIP containers; text files must be valid UTF-8 without NUL bytes.
/// </summary>
public static class FileSignatures
{
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "jpg", "jpeg", "png", "gif", "webp" };

    public static bool Matches(string extension, ReadOnlySpan<byte> head)
    {
        return extension.ToLowerInvariant() switch
        {
            "jpg" or "jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            "png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            "gif" => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
            "webp" => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
            "pdf" => head.StartsWith("%PDF-"u8),
            "docx" or "xlsx" or "pptx" => head.StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 }),
            "txt" or "csv" => IsText(head),
            _ => false,
        };
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
        {
            return false;
        }

        // The sample may end inside a multi-byte character; trim up to three bytes before judging.
        for (var trim = 0; trim <= Math.Min(3, head.Length); trim++)
        {
            if (Utf8.IsValid(head[..^trim]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads pixel dimensions from PNG, GIF and JPEG headers; null when unknown.</summary>
    public static (int Width, int Height)? ImageSize(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 24 && data.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }))
        {
            return (ReadInt32BigEndian(data[16..]), ReadInt32BigEndian(data[20..]));
        }

        if (data.Length >= 10 && data.StartsWith("GIF8"u8))
        {
            return (data[6] | data[7] << 8, data[8] | data[9] << 8);
        }

        if (data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8)
        {
            var i = 2;
            while (i + 9 < data.Length)
            {
                if (data[i] != 0xFF)
                {
                    return null;
                }

                var marker = data[i + 1];
                var length = data[i + 2] << 8 | data[i + 3];
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    return (data[i + 7] << 8 | data[i + 8], data[i + 5] << 8 | data[i + 6]);
                }

                i += 2 + length;
            }
        }

        return null;
    }

    private static int ReadInt32BigEndian(ReadOnlySpan<byte> b) => b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
}
