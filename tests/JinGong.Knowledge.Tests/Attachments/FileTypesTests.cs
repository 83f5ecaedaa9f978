using System.Text;
using JinGong.Knowledge.Attachments;

namespace JinGong.Knowledge.Tests.Attachments;

/// <summary>The pure rules of files: a file's kind told from its bytes, extensions, names, hashes and sizes.</summary>
public sealed class FileTypesTests
{
    public static TheoryData<string, byte[], FileKind> Kinds => new()
    {
        { "pdf", SampleFiles.Pdf, FileKind.Pdf },
        { "png", SampleFiles.Png, FileKind.Png },
        { "jpeg", SampleFiles.Jpeg, FileKind.Jpeg },
        { "gif", SampleFiles.Gif, FileKind.Gif },
        { "webp", SampleFiles.WebP, FileKind.WebP },
        { "xlsx", SampleFiles.Xlsx, FileKind.Xlsx },
        { "docx", SampleFiles.Docx, FileKind.Docx },
        { "pptx", SampleFiles.Pptx, FileKind.Pptx },
        { "ole", SampleFiles.Ole, FileKind.OleCompound },
        { "csv", SampleFiles.Csv, FileKind.Utf8Text },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void a_file_is_known_by_its_first_bytes(string name, byte[] content, FileKind kind) =>
        FileTypes.Sniff(content).Should().Be(kind, name);

    [Fact]
    public void what_is_none_of_the_kinds_kept_is_not_taken_for_one()
    {
        FileTypes.Sniff(SampleFiles.Executable).Should().BeNull("a program is not text: it holds control characters");
        FileTypes.Sniff(SampleFiles.PlainZip).Should().BeNull("a ZIP without Office parts is an archive, not a workbook");
        FileTypes.Sniff([0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFF]).Should().BeNull("a broken ZIP is nothing kept");
        FileTypes.Sniff([0xC0, 0x80, 0x41]).Should().BeNull("bytes that are not UTF-8 are not text");
        FileTypes.Sniff(Encoding.UTF8.GetBytes("a\u0000b")).Should().BeNull("a NUL is no character of a text file");
        FileTypes.Sniff(Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVE")).Should().BeNull("a RIFF that is not WEBP is sound");
        FileTypes.Sniff(Encoding.UTF8.GetBytes("<svg onload=alert(1)>")).Should().Be(FileKind.Utf8Text, "an SVG is text, and served as text it runs nothing");
    }

    [Fact]
    public void an_extension_names_the_kind_its_content_must_be_and_the_type_it_is_served_as()
    {
        FileTypes.ExtensionOf("现场安全规范.PDF").Should().Be(new AllowedExtension(".pdf", FileKind.Pdf, "application/pdf"));
        FileTypes.ExtensionOf("报价.xls")!.Kind.Should().Be(FileKind.OleCompound);
        FileTypes.ExtensionOf("报价.xlsx")!.ContentType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        FileTypes.ExtensionOf("试用数据.csv")!.ContentType.Should().Be("text/csv; charset=utf-8");
        FileTypes.ExtensionOf("logo.svg").Should().BeNull("an SVG can carry script");
        FileTypes.ExtensionOf("setup.exe").Should().BeNull();
        FileTypes.ExtensionOf(".pdf").Should().BeNull("a name that is only an extension names nothing");
        FileTypes.ExtensionOf("pdf").Should().BeNull();
    }

    [Theory]
    [InlineData("现场安全规范 2026.pdf", true)]
    [InlineData("EX-35E 电池 👷.png", true)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("..\\..\\windows\\win.ini", false)]
    [InlineData("reports/q3.pdf", false)]
    [InlineData("C:report.pdf", false)]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData("  ", false)]
    [InlineData("", false)]
    [InlineData("a\u0000.pdf", false)]
    [InlineData("a\u001b[31m.pdf", false)]
    public void a_file_name_is_a_name_alone(string name, bool valid) => FileTypes.IsFileName(name).Should().Be(valid);

    [Fact]
    public void a_lone_half_of_a_surrogate_pair_is_no_character_of_a_name() =>
        (FileTypes.IsFileName("a\ud800.pdf"), FileTypes.IsFileName("a\udc00.pdf"), FileTypes.IsFileName("\ud83d\udc77.pdf")).Should().Be((false, false, true));

    [Fact]
    public void a_file_name_is_at_most_255_characters() =>
        (FileTypes.IsFileName(new string('字', 251) + ".pdf"), FileTypes.IsFileName(new string('字', 252) + ".pdf")).Should().Be((true, false));

    [Fact]
    public void content_is_keyed_by_its_sha256_in_lower_case_hex()
    {
        FileTypes.Sha256("abc"u8).Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        FileTypes.Sha256([]).Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void a_file_is_too_large_only_past_the_limit() =>
        (FileTypes.IsTooLarge(20, 20), FileTypes.IsTooLarge(21, 20)).Should().Be((false, true));
}
