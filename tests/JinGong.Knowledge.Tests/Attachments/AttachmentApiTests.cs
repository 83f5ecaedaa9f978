using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JinGong.Http.Security;
using JinGong.Knowledge.Attachments;
using JinGong.Simulation;
using JinGong.Testing;
using Npgsql;

namespace JinGong.Knowledge.Tests.Attachments;

/// <summary>Files attached to pages over HTTP, on a real PostgreSQL: kept once per content, served safely, removed as an event.</summary>
[Collection(KnowledgeService.Collection)]
public sealed class AttachmentApiTests(KnowledgeService knowledge)
{
    [Fact]
    public async Task a_file_attached_to_a_page_is_listed_and_served_as_a_download_with_its_chinese_name_and_its_sniffed_type()
    {
        var page = await knowledge.CreatePageIdAsync(await knowledge.CreateSpaceAsync(), "现场安全规范");
        var content = Unique(SampleFiles.Pdf);

        using var upload = await knowledge.Api.UploadAsync(page, "现场安全规范 2026版.pdf", content, "application/x-anything");
        var attachment = await upload.JsonAsync(HttpStatusCode.Created);
        var id = attachment.GetProperty("id").GetString()!;
        upload.Headers.Location!.ToString().Should().Be($"/api/knowledge/attachments/{id}");
        attachment.GetProperty("contentType").GetString().Should().Be("application/pdf", "the type is what the bytes are, not what the client declared");
        attachment.GetProperty("sha256").GetString().Should().Be(FileTypes.Sha256(content));
        attachment.GetProperty("length").GetInt64().Should().Be(content.Length);
        attachment.GetProperty("uploadedBy").GetString().Should().Be(SignIn.Administrator);

        var listed = await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/attachments");
        listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("fileName").GetString()).Should().Equal("现场安全规范 2026版.pdf");

        using var download = await knowledge.Api.GetAsync($"/api/knowledge/attachments/{id}/content");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(content);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        download.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; sandbox");
        var disposition = download.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileNameStar.Should().Be("现场安全规范 2026版.pdf", "RFC 6266's filename* carries the name as uploaded, in UTF-8");
        disposition.FileName!.Trim('"').Should().MatchRegex("^[ -~]+$", "the fallback filename is plain ASCII for old clients");
        (await knowledge.EventCountAsync(id)).Should().Be(1);
        (await ContentRowsAsync(FileTypes.Sha256(content))).Should().Be(1);
    }

    [Fact]
    public async Task the_same_content_attached_twice_is_kept_once_and_an_image_may_be_shown_inline_but_nothing_else()
    {
        var page = await knowledge.CreatePageIdAsync(await knowledge.CreateSpaceAsync("产品资料", "ProductMaterials"), "EX-35E 电池");
        var image = Unique(SampleFiles.Png);
        var first = await (await knowledge.Api.UploadAsync(page, "电池包.png", image)).JsonAsync(HttpStatusCode.Created);
        var second = await (await knowledge.Api.UploadAsync(page, "电池包（副本）.PNG", image)).JsonAsync(HttpStatusCode.Created);
        second.GetProperty("id").GetString().Should().NotBe(first.GetProperty("id").GetString());
        (await ContentRowsAsync(FileTypes.Sha256(image))).Should().Be(1, "content is keyed by its hash");

        using var inline = await knowledge.Api.GetAsync($"/api/knowledge/attachments/{first.GetProperty("id").GetString()}/content?inline=true");
        inline.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        inline.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        inline.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; sandbox");

        var sheet = await (await knowledge.Api.UploadAsync(page, "试用数据.xlsx", SampleFiles.Xlsx)).JsonAsync(HttpStatusCode.Created);
        using var notInline = await knowledge.Api.GetAsync($"/api/knowledge/attachments/{sheet.GetProperty("id").GetString()}/content?inline=true");
        notInline.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment", "only images are shown in the page");
        notInline.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public async Task a_removed_attachment_is_neither_listed_nor_served_and_is_removed_only_once()
    {
        var page = await knowledge.CreatePageIdAsync(await knowledge.CreateSpaceAsync(), "费用报销制度");
        var id = (await (await knowledge.Api.UploadAsync(page, "报销单.docx", SampleFiles.Docx)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var removed = await knowledge.PostOkAsync($"/api/knowledge/attachments/{id}/removal", new { });
        removed.GetProperty("removedAt").ValueKind.Should().Be(JsonValueKind.String);
        (await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/attachments")).GetProperty("total").GetInt64().Should().Be(0);
        await (await knowledge.Api.GetAsync($"/api/knowledge/attachments/{id}/content")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "attachment-not-found");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/attachments/{id}/removal", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "attachment-already-removed");
        (await knowledge.GetOkAsync($"/api/knowledge/attachments/{id}/history")).GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("type").GetString())
            .Should().Equal("attachment_removed_v1", "attachment_uploaded_v1");
    }

    [Fact]
    public async Task only_the_spaces_editors_attach_and_remove_files_and_every_role_reads_them()
    {
        var page = await knowledge.CreatePageIdAsync(await knowledge.CreateSpaceAsync("行业资讯", "IndustryNews", [Roles.Executive]), "锂电池价格");
        using var rep = knowledge.SignedInAs("rep.zhao", [Roles.SalesRep], "east");
        using var executive = knowledge.SignedInAs("exec.qian", [Roles.Executive]);
        using var auditor = knowledge.SignedInAs("audit.sun", [Roles.Auditor]);

        await (await rep.UploadAsync(page, "价格.csv", SampleFiles.Csv)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-editor");
        (await auditor.UploadAsync(page, "价格.csv", SampleFiles.Csv)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var attachment = await (await executive.UploadAsync(page, "价格.csv", SampleFiles.Csv)).JsonAsync(HttpStatusCode.Created);
        attachment.GetProperty("uploadedBy").GetString().Should().Be("exec.qian");
        var id = attachment.GetProperty("id").GetString()!;

        (await rep.GetAsync($"/api/knowledge/attachments/{id}/content")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await auditor.GetAsync($"/api/knowledge/pages/{page}/attachments")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await rep.PostAsJsonAsync($"/api/knowledge/attachments/{id}/removal", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-an-editor");
        (await knowledge.EventCountAsync(id)).Should().Be(1, "the refused removal appended nothing");
    }

    [Fact]
    public async Task an_upload_sent_again_with_its_key_is_answered_once()
    {
        var page = await knowledge.CreatePageIdAsync(await knowledge.CreateSpaceAsync(), "考勤制度");
        var key = Guid.NewGuid().ToString();
        using var first = await knowledge.Api.UploadAsync(page, "考勤表.csv", SampleFiles.Csv, key: key);
        using var again = await knowledge.Api.UploadAsync(page, "考勤表.csv", SampleFiles.Csv, key: key);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        again.Headers.GetValues("Idempotent-Replayed").Should().Contain("true");
        (await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/attachments")).GetProperty("total").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task hostile_uploads_are_refused_with_a_clear_problem_and_store_nothing()
    {
        var page = await knowledge.CreatePageIdAsync(await knowledge.CreateSpaceAsync(), "信息安全");
        var pdf = Unique(SampleFiles.Pdf);
        var exe = Unique(SampleFiles.Executable);
        var zip = Unique(SampleFiles.PlainZip);

        await (await knowledge.Api.UploadAsync(page, "报价.xlsx", pdf)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment-type-mismatch");
        await (await knowledge.Api.UploadAsync(page, "照片.jpg", Unique(SampleFiles.Png))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment-type-mismatch");
        await (await knowledge.Api.UploadAsync(page, "说明.pdf", exe)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment-type-unknown");
        await (await knowledge.Api.UploadAsync(page, "说明.docx", zip)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment-type-unknown");
        await (await knowledge.Api.UploadAsync(page, "setup.exe", exe)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment-extension-not-allowed");
        await (await knowledge.Api.UploadAsync(page, "logo.svg", Encoding.UTF8.GetBytes("<svg onload=alert(1)>"))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment-extension-not-allowed");
        await (await knowledge.Api.UploadAsync(page, "空.pdf", [])).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment-empty");
        await (await knowledge.Api.UploadAsync(page, "../../etc/passwd.pdf", pdf)).ShouldBeValidationProblemAsync("fileName");
        await (await knowledge.Api.UploadAsync(page, "..\\..\\boot.pdf", pdf)).ShouldBeValidationProblemAsync("fileName");
        await (await knowledge.Api.UploadAsync(page, "..", pdf)).ShouldBeValidationProblemAsync("fileName");
        await (await knowledge.Api.UploadAsync(page, null, pdf)).ShouldBeValidationProblemAsync("fileName");
        await (await knowledge.Api.UploadAsync("PAGE-NONE", "a.pdf", pdf)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "page-not-found");
        using (var tooLarge = await knowledge.Api.UploadAsync(page, "大文件.pdf", [.. SampleFiles.Pdf, .. new byte[(20 * 1024 * 1024) + 1 - SampleFiles.Pdf.Length]]))
        {
            await tooLarge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");
        }

        (await knowledge.GetOkAsync($"/api/knowledge/pages/{page}/attachments")).GetProperty("total").GetInt64().Should().Be(0);
        foreach (var refused in new[] { pdf, exe, zip })
        {
            (await ContentRowsAsync(FileTypes.Sha256(refused))).Should().Be(0, "a refused upload keeps no bytes");
        }
    }

    [Fact]
    public async Task the_size_limit_is_a_setting_and_holds_for_a_body_that_does_not_say_its_length()
    {
        await using var small = knowledge.Restarted(new Dictionary<string, string> { [$"{AttachmentOptions.Section}:MaxBytes"] = "1000" });
        using var client = small.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(SignIn.Administrator, [Roles.Administrator]));
        var page = await knowledge.CreatePageIdAsync(await knowledge.CreateSpaceAsync(), "限额");
        var exactly = Unique(SampleFiles.Csv, 1000);
        var over = Unique(SampleFiles.Csv, 1001);

        (await client.UploadAsync(page, "刚好.csv", exactly)).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await client.UploadAsync(page, "超出.csv", over)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");
        using var streamed = new HttpRequestMessage(HttpMethod.Post, $"/api/knowledge/pages/{page}/attachments?fileName={Uri.EscapeDataString("流.csv")}")
        {
            Content = new StreamContent(new NoLengthStream(over)),
        };
        await (await client.SendAsync(streamed)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");
        (await ContentRowsAsync(FileTypes.Sha256(over))).Should().Be(0);
    }

    /// <summary>The sample with a unique tail (a comment a reader ignores), so that its hash is this test's alone; padded to <paramref name="length"/> if given.</summary>
    private static byte[] Unique(byte[] sample, int? length = null)
    {
        byte[] tailed = [.. sample, .. Encoding.ASCII.GetBytes($"\n{Guid.NewGuid():N}\n")];
        return length is { } size ? [.. tailed, .. Enumerable.Repeat((byte)'x', size - tailed.Length)] : tailed;
    }

    private async Task<long> ContentRowsAsync(string sha256)
    {
        await using var connection = new NpgsqlConnection(await knowledge.ConnectionStringAsync("knowledgedb"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {AttachmentContents.TableName} where sha256 = $1", connection) { Parameters = { new() { Value = sha256 } } };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A body sent in chunks, whose length the server learns only by reading it.</summary>
    private sealed class NoLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}

internal static class AttachmentRequests
{
    /// <summary>Uploads <paramref name="content"/> as the raw body, named <paramref name="fileName"/>, with an idempotency key if given.</summary>
    public static Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, string pageId, string? fileName, byte[] content, string contentType = "application/octet-stream", string? key = null)
    {
        var query = fileName is null ? string.Empty : $"?fileName={Uri.EscapeDataString(fileName)}";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/knowledge/pages/{pageId}/attachments{query}") { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }
}
