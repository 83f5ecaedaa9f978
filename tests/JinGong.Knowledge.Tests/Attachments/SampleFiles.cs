using System.IO.Compression;
using System.Text;

namespace JinGong.Knowledge.Tests.Attachments;

/// <summary>Small real files of each kind kept, made in memory: what their first bytes (or a ZIP's parts) say is what a real file says.</summary>
internal static class SampleFiles
{
    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01];

    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    public static byte[] Gif => Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00");

    public static byte[] WebP => [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8, 0x00, 0x00];

    public static byte[] Ole => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00, 0x00, 0x00];

    public static byte[] Csv => Encoding.UTF8.GetBytes("型号,续航\nEX-35E,8 h\n");

    public static byte[] Xlsx => Zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml");

    public static byte[] Docx => Zip("[Content_Types].xml", "word/document.xml");

    public static byte[] Pptx => Zip("[Content_Types].xml", "ppt/presentation.xml");

    /// <summary>A ZIP that is no Office file: an archive of anything.</summary>
    public static byte[] PlainZip => Zip("readme.txt");

    /// <summary>A Windows program: none of the kinds kept, whatever it is named.</summary>
    public static byte[] Executable => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }

        return buffer.ToArray();
    }
}
