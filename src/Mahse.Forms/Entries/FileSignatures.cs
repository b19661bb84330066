using System.Text.Unicode;

namespace Mahse.Forms.Entries;

/// <summary>
/// Checks that a file's first bytes are what its extension claims, so an executable renamed .pdf is refused.
/// Office Open XML files are ZIP containers, older Office files OLE2 compound files; text files must be UTF-8
/// without NUL bytes. An extension not listed here never matches: an unknown type cannot be vouched for.
/// </summary>
public static class FileSignatures
{
    /// <summary>How much of the file the checks read.</summary>
    public const int HeadLength = 4096;

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Zip => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> CompoundFile => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static bool Matches(string extension, ReadOnlySpan<byte> head) => extension.ToLowerInvariant() switch
    {
        "jpg" or "jpeg" => head.StartsWith(Jpeg),
        "png" => head.StartsWith(Png),
        "gif" => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
        "webp" => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        "pdf" => head.StartsWith("%PDF-"u8),
        "docx" or "xlsx" or "pptx" => head.StartsWith(Zip),
        "doc" or "xls" or "ppt" => head.StartsWith(CompoundFile),
        "txt" or "csv" => IsText(head),
        _ => false,
    };

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
}
