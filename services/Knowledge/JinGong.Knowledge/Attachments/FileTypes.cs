using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace JinGong.Knowledge.Attachments;

/// <summary>What a file's bytes show it to be, whatever its name says.</summary>
public enum FileKind
{
    Pdf,
    Png,
    Jpeg,
    Gif,
    WebP,
    /// <summary>An Office Open XML workbook (a ZIP holding <c>xl/</c>).</summary>
    Xlsx,
    /// <summary>An Office Open XML document (a ZIP holding <c>word/</c>).</summary>
    Docx,
    /// <summary>An Office Open XML presentation (a ZIP holding <c>ppt/</c>).</summary>
    Pptx,
    /// <summary>An OLE compound file: the Office 97–2003 formats (xls, doc), which its header alone does not tell apart.</summary>
    OleCompound,
    /// <summary>Text in UTF-8 without control characters (tab, line breaks and form feed aside): plain text and CSV.</summary>
    Utf8Text,
}

/// <summary>An extension the knowledge base takes, the kind of content it must hold, and the type the content is served as.</summary>
public sealed record AllowedExtension(string Extension, FileKind Kind, string ContentType);

/// <summary>
/// The pure rules of files: which kinds of file the knowledge base keeps, how a file's kind is told from its bytes
/// (never from the name or the type the client declares), which extension goes with which kind, what a file name may be,
/// and the content's hash.
/// </summary>
public static class FileTypes
{
    /// <summary>The longest file name kept (most file systems' limit).</summary>
    public const int MaxFileNameLength = 255;

    public static readonly IReadOnlyList<AllowedExtension> Allowed =
    [
        new(".pdf", FileKind.Pdf, "application/pdf"),
        new(".png", FileKind.Png, "image/png"),
        new(".jpg", FileKind.Jpeg, "image/jpeg"),
        new(".jpeg", FileKind.Jpeg, "image/jpeg"),
        new(".gif", FileKind.Gif, "image/gif"),
        new(".webp", FileKind.WebP, "image/webp"),
        new(".xlsx", FileKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        new(".docx", FileKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        new(".pptx", FileKind.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        new(".xls", FileKind.OleCompound, "application/vnd.ms-excel"),
        new(".doc", FileKind.OleCompound, "application/msword"),
        new(".txt", FileKind.Utf8Text, "text/plain; charset=utf-8"),
        new(".csv", FileKind.Utf8Text, "text/csv; charset=utf-8"),
    ];

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif87Magic = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89Magic = "GIF89a"u8.ToArray();
    private static readonly byte[] RiffMagic = "RIFF"u8.ToArray();
    private static readonly byte[] WebPMagic = "WEBP"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// What <paramref name="content"/> is, by its first bytes (a ZIP by the parts it lists, which tell a workbook from a
    /// document), or null when it is none of the kinds kept. Nothing is decompressed: a ZIP's central directory is read.
    /// </summary>
    public static FileKind? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfMagic) ? FileKind.Pdf
        : content.StartsWith(PngMagic) ? FileKind.Png
        : content.StartsWith(JpegMagic) ? FileKind.Jpeg
        : content.StartsWith(Gif87Magic) || content.StartsWith(Gif89Magic) ? FileKind.Gif
        : content.Length >= 12 && content.StartsWith(RiffMagic) && content[8..12].SequenceEqual(WebPMagic) ? FileKind.WebP
        : content.StartsWith(OleMagic) ? FileKind.OleCompound
        : content.StartsWith(ZipMagic) ? OfficeOpenXml(content.ToArray())
        : IsUtf8Text(content) ? FileKind.Utf8Text
        : null;

    /// <summary>The extension of <paramref name="fileName"/> if the knowledge base takes it (case aside), else null.</summary>
    public static AllowedExtension? ExtensionOf(string fileName) =>
        Allowed.FirstOrDefault(allowed => fileName.EndsWith(allowed.Extension, StringComparison.OrdinalIgnoreCase) && fileName.Length > allowed.Extension.Length);

    /// <summary>
    /// Whether <paramref name="fileName"/> is a file's name and nothing else: not empty, no folders (<c>/</c>, <c>\</c>),
    /// not <c>.</c> or <c>..</c>, no control characters, at most <see cref="MaxFileNameLength"/> characters.
    /// </summary>
    public static bool IsFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > MaxFileNameLength || fileName.Trim() is "." or ".."
            || fileName.IndexOfAny(['/', '\\', ':']) >= 0 || fileName.Any(char.IsControl))
        {
            return false;
        }

        // A lone half of a surrogate pair is no character at all.
        for (var index = 0; index < fileName.Length; index++)
        {
            if (char.IsHighSurrogate(fileName[index]) && index + 1 < fileName.Length && char.IsLowSurrogate(fileName[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(fileName[index]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The SHA-256 of <paramref name="content"/>, in lower-case hex: the key its bytes are kept under.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether a body of <paramref name="length"/> bytes is over the limit of <paramref name="maxBytes"/>.</summary>
    public static bool IsTooLarge(long length, long maxBytes) => length > maxBytes;

    private static FileKind? OfficeOpenXml(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(entry => entry.FullName).ToList();
            if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal))
            {
                return null;
            }

            return names.Any(name => name.StartsWith("xl/", StringComparison.Ordinal)) ? FileKind.Xlsx
                : names.Any(name => name.StartsWith("word/", StringComparison.Ordinal)) ? FileKind.Docx
                : names.Any(name => name.StartsWith("ppt/", StringComparison.Ordinal)) ? FileKind.Pptx
                : null;
        }
        catch (InvalidDataException)
        {
            // Not a ZIP after all (or a broken one): none of the kinds kept.
            return null;
        }
    }

    private static bool IsUtf8Text(ReadOnlySpan<byte> content)
    {
        try
        {
            var text = StrictUtf8.GetString(content);
            return !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
