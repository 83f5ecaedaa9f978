using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace JinGong.Simulation;

/// <summary>The company's knowledge base [知识库] over its year, in Chinese (issue 23).</summary>
public sealed partial class BusinessYear
{
    /// <summary>A product sheet's figures: what the model is in Chinese, what it carries or digs, its battery, and the upgrade it gets in the year (if any).</summary>
    private sealed record Sheet(string Kind, string Duty, int BatteryKwh, int? UpgradedKwh, string? Upgrade);

    private static readonly Dictionary<string, Sheet> Sheets = new(StringComparer.Ordinal)
    {
        ["MT-90E"] = new("电动宽体矿卡", "额定载重 90 吨", 600, 700, "电池包升级为 700 kWh，满载续航提升约 15%"),
        ["MT-60E"] = new("电动宽体矿卡", "额定载重 60 吨", 420, null, null),
        ["MT-120E"] = new("电动宽体矿卡（预售）", "额定载重 120 吨", 900, null, null),
        ["WL-50E"] = new("电动装载机", "额定载重 5 吨，斗容 3 立方米", 282, null, null),
        ["WL-30E"] = new("电动装载机（租赁）", "额定载重 3 吨，斗容 1.8 立方米", 141, null, null),
        ["EX-35E"] = new("电动挖掘机", "35 吨级，斗容 1.6 立方米", 350, 422, "电池升级为 422 kWh，单班作业延长至 9 小时"),
        ["EX-22E"] = new("电动挖掘机（租赁）", "22 吨级，斗容 1 立方米", 211, 250, "电池升级为 250 kWh，支持直流快充 1 小时充满"),
    };

    private static readonly (string Title, string Body)[] News =
    [
        ("工信部发布矿山装备电动化指导意见", "意见提出到 2030 年新增矿用车辆中新能源比例显著提升，鼓励露天矿优先采购纯电宽体矿卡。"),
        ("磷酸铁锂电芯价格继续下行", "电芯价格较年初下降约两成，电动矿卡与电动挖掘机的购置成本随之降低，MT-60E 等车型的投资回收期缩短。"),
        ("内蒙古露天煤矿试点纯电宽体矿卡编组运输", "准格尔旗某露天煤矿投入电动宽体矿卡编组运输，重载下坡能量回收明显，吨公里电耗低于预期。"),
        ("矿用车辆换电标准征求意见稿发布", "征求意见稿统一了换电接口与电池包尺寸，MT-90E 电池 与 MT-60E 电池 的换电方案将参照执行。"),
        ("电动装载机销量同比增长", "今年电动装载机销量同比增长超过六成，5 吨级产品最受欢迎，WL-50E 所在细分市场竞争加剧。"),
        ("智慧矿山无人驾驶示范项目通过验收", "多家矿山的无人驾驶矿卡编组通过验收，电动底盘线控响应快，被认为更适合无人化改造。"),
        ("电池热管理成为矿山设备选型重点", "高温工况下电池热管理决定出勤率，液冷电池包逐步成为电动挖掘机标配，EX-35E 电池 即采用液冷设计。"),
        ("铜价上涨带动矿山设备投资", "铜价走高，有色矿山扩产意愿增强，大型电动挖掘机与宽体矿卡订单增加。"),
        ("非道路移动机械碳排放核算新规出台", "新规将非道路移动机械纳入碳排放核算，柴油设备的排放成本上升，电动化设备更具优势。"),
        ("钢铁集团批量采购电动矿卡", "某钢铁集团所属铁矿批量采购电动宽体矿卡，用于采场至破碎站的短倒运输。"),
        ("低温环境下电动设备续航实测", "东北露天矿冬季实测：电池预热后，电动矿卡续航衰减控制在 20% 以内，EX-22E 电池 低温表现稳定。"),
        ("上海工程机械展电动化产品占比创新高", "本届展会电动化产品占比创新高，120 吨级电动矿卡成为焦点，MT-120E 预售引发关注。"),
    ];

    /// <summary>
    /// Four spaces opened at the start of the year (rules, product materials, marketing toolkit, industry news) and their
    /// pages over it: the company's rules, revised later and one renamed; a product sheet per model of the catalogue,
    /// revised when its battery is upgraded; a marketing toolkit's tree, one page moved under another parent; an
    /// industry news page a month. Tens of commands, each back-dated, each page's in its business-time order.
    /// </summary>
    private async Task<(int Spaces, int Pages, int Revisions)> WriteKnowledgeAsync(CancellationToken cancellationToken)
    {
        var pages = 0;
        var revisions = 0;
        var opened = Start.AddMinutes(30);
        Progress.Begin("knowledge spaces", 4);
        var rules = await OpenSpaceAsync("规章制度", "Rules", "公司的考勤、报销与现场安全制度，全体员工须知。", ["executive", "finance"], opened, cancellationToken);
        var products = await OpenSpaceAsync("产品资料", "ProductMaterials", "每个型号的产品资料：规格、电池与价格。", ["sales-rep", "regional-manager"], opened, cancellationToken);
        var marketing = await OpenSpaceAsync("营销工具包", "MarketingToolkit", "销售与展会用的材料。", ["sales-rep", "regional-manager"], opened, cancellationToken);
        var news = await OpenSpaceAsync("行业资讯", "IndustryNews", "电动矿山装备的行业动态，每月更新。", ["executive", "regional-manager"], opened, cancellationToken);
        // The company's rules are followed from the start, so that each change of them is told (notifications, and on the bus for the group chat).
        await gateway.PostAsync($"/api/knowledge/spaces/{rules}/subscription", new { occurredAt = opened }, cancellationToken, HttpStatusCode.OK);
        // And every team is asked to confirm having read them [阅读确认], once the knowledge base knows the roster (from the bus).
        var roster = Roster.Of(profile);
        await gateway.PostAsync(
            $"/api/knowledge/spaces/{rules}/read-confirmation", new { teams = roster.Select(person => person.Team).Distinct().Order(StringComparer.Ordinal), occurredAt = opened },
            cancellationToken);
        await gateway.WhenAsync($"/api/knowledge/spaces/{rules}/read-rate", rate => rate.GetProperty("people").GetInt32() == roster.Count, cancellationToken);

        // The rules: each written in the first days, revised later in the year; the expense rules renamed once they cover travel too.
        var random = RandomFor(80_000);
        // Each revision is confirmed by most people within weeks, as the signed sheets the administrator records say; some never do.
        async Task<string> WriteRuleAsync(string title, string body, DateTimeOffset written, int position, (string Title, string Body, DateTimeOffset At) revised, int stream)
        {
            var page = await WritePageAsync(rules, title, body, null, position, written, cancellationToken);
            await ConfirmReadingAsync(page, 1, roster, written, revised.At, RandomFor(stream), cancellationToken);
            await ReviseAsync(page, revised.Title, revised.Body, revised.At, cancellationToken);
            await ConfirmReadingAsync(page, 2, roster, revised.At, end, RandomFor(stream + 1), cancellationToken);
            return page;
        }

        var attendanceRevised = Start.AddDays(100 + random.Next(0, 30));
        await WriteRuleAsync(
            "考勤制度", "# 考勤制度\n\n- 工作时间：周一至周五 8:30—17:30，午休一小时。\n- 迟到 15 分钟以内每月不超过三次不扣款。\n- 驻矿人员按矿方班次排班，由区域经理每周确认考勤。", Start.AddDays(1), 0,
            ("考勤制度", "# 考勤制度\n\n- 工作时间：周一至周五 8:30—17:30，午休一小时。\n- 迟到 15 分钟以内每月不超过三次不扣款。\n- 驻矿人员按矿方班次排班，由区域经理每周确认考勤。\n- 新增：外勤人员使用移动端打卡，定位须在客户矿区范围内。", attendanceRevised),
            80_100);
        var travelRulesAt = Start.AddDays(180 + random.Next(0, 30));
        var expenses = await WriteRuleAsync(
            "费用报销制度", "# 费用报销制度\n\n- 报销须在费用发生后 30 天内提交，附发票。\n- 单笔超过 5000 元须区域经理审批。\n- 财务每月 10 日前完成上月报销。", Start.AddDays(1).AddHours(2), 1,
            ("费用报销制度", "# 费用报销制度\n\n- 报销须在费用发生后 30 天内提交，附发票。\n- 单笔超过 5000 元须区域经理审批。\n- 财务每月 10 日前完成上月报销。\n\n## 差旅\n\n- 赴矿区出差住宿标准：每晚 400 元以内。\n- 出差补助每天 100 元，驻矿期间按天计。", travelRulesAt),
            80_200);
        await gateway.PostAsync($"/api/knowledge/pages/{expenses}/title", new { title = "费用报销与差旅制度", occurredAt = travelRulesAt.AddDays(1) }, cancellationToken);
        var safetyRevised = Start.AddDays(140 + random.Next(0, 30));
        await WriteRuleAsync(
            "现场安全规范", "# 现场安全规范\n\n- 进入矿区必须佩戴安全帽、反光背心与劳保鞋。\n- 设备交付与维修须由矿方安全员陪同。\n- 高压部件检修前断开高压回路并挂牌上锁。", Start.AddDays(2), 2,
            ("现场安全规范", "# 现场安全规范\n\n- 进入矿区必须佩戴安全帽、反光背心与劳保鞋。\n- 设备交付与维修须由矿方安全员陪同。\n- 高压部件检修前断开高压回路并挂牌上锁。\n\n## 电池安全\n\n- EX-35E 电池、MT-90E 电池 出现温度告警时立即停机，撤离至 20 米外并通知服务工程师。\n- 充电区禁止烟火，配备专用灭火设备。", safetyRevised),
            80_300);
        pages += 3;
        revisions += 3;

        // A product sheet per model of the catalogue, published as it is written at the start of the year.
        var models = CompanyProfile.SaleModels.Concat(CompanyProfile.RentalModels).ToList();
        var sheetPages = new ConcurrentDictionary<Model, string>();
        await EachAsync("knowledge product sheets", [.. models.Select((model, n) => (model, n))], async (item, token) =>
        {
            var (model, n) = item;
            var sheet = SheetOf(model);
            sheetPages[model] = await WritePageAsync(products, $"{model.Code} {sheet.Kind}", SheetBody(model, sheet, sheet.BatteryKwh, null), null, n, Start.AddDays(3).AddHours(n), token);
        }, cancellationToken);
        pages += models.Count;
        revisions += await ReviewProductSheetsAsync(products, sheetPages, roster, models.Count, cancellationToken);
        pages++;

        // The marketing toolkit: sales tools with two pages under them, and events, under which the brochure goes once there is a show to prepare.
        Progress.Begin("knowledge marketing toolkit", 1);
        var tools = await WritePageAsync(marketing, "销售工具", "# 销售工具\n\n一线销售常用的计算表与话术。", null, 0, Start.AddDays(5), cancellationToken);
        var events = await WritePageAsync(marketing, "展会与活动", "# 展会与活动\n\n年度展会计划与物料。", null, 1, Start.AddDays(5).AddHours(1), cancellationToken);
        var tco = await WritePageAsync(marketing, "电动化总拥有成本对比", "# 电动化总拥有成本对比\n\n以 MT-90E 对比同级柴油矿卡：电价 0.6 元/度、柴油 7.5 元/升，年作业 5000 小时，三年可节省能源费用约 180 万元。", tools, 0, Start.AddDays(6), cancellationToken);
        var brochure = await WritePageAsync(marketing, "宣传册文案", "# 宣传册文案\n\n**金工电动，矿山零排放。** MT-90E、MT-60E 宽体矿卡，WL-50E 装载机，EX-35E 挖掘机，一站式电动化方案。", tools, 1, Start.AddDays(6).AddHours(2), cancellationToken);
        // The figures behind the comparison travel with it, as the spreadsheet (CSV) sales pass on; the revision names the model it is about.
        await gateway.UploadAsync(
            $"/api/knowledge/pages/{tco}/attachments?fileName={Uri.EscapeDataString("总拥有成本测算.csv")}&occurredAt={Uri.EscapeDataString(Start.AddDays(6).AddHours(1).ToString("O", CultureInfo.InvariantCulture))}",
            Encoding.UTF8.GetBytes("项目,MT-90E 电动,同级柴油\n能源单价,0.6 元/度,7.5 元/升\n年作业小时,5000,5000\n三年能源费用（万元）,150,330\n"), cancellationToken);
        await ReviseAsync(tco, "电动化总拥有成本对比", "# 电动化总拥有成本对比\n\n以 MT-90E 对比同级柴油矿卡：电价 0.55 元/度、柴油 7.8 元/升，年作业 5000 小时，三年可节省能源费用约 200 万元。\n\n电池升级后单班无需补电，出勤率按 95% 计。车型资料见 model:MT-90E。", Start.AddDays(160 + random.Next(0, 30)), cancellationToken);
        await gateway.PostAsync($"/api/knowledge/pages/{brochure}/place", new { parentId = events, position = 0, occurredAt = Start.AddDays(200 + random.Next(0, 30)) }, cancellationToken);
        Progress.Step();
        pages += 4;
        revisions += 1;

        // Industry news, a page a month (the headlines in an order and on days of the seed's).
        var headlines = News.ToArray();
        random.Shuffle(headlines);
        await EachAsync("knowledge industry news", [.. headlines.Select((headline, month) => (headline, month))], async (item, token) =>
        {
            var ((title, body), month) = item;
            var day = RandomFor(82_000 + month);
            await WritePageAsync(news, title, $"# {title}\n\n{body}", null, month, Start.AddDays((month * 30) + day.Next(1, 28)).AddHours(day.Next(0, 10)), token);
        }, cancellationToken);
        pages += headlines.Length;

        return (4, pages, revisions);
    }

    /// <summary>
    /// From mid-year the product materials are reviewed before anyone reads them, and the people do it themselves, signed
    /// in: a regional manager writes each battery upgrade's sheet as a draft and sends it for review, and the sales
    /// director approves it — returning one first, asking for what it leaves out — and the pre-order model's new sheet
    /// the same way. The simulator (an administrator) gives the two their roles and a password only it knows.
    /// </summary>
    /// <returns>How many sheets were revised through review.</returns>
    private async Task<int> ReviewProductSheetsAsync(
        string products, IReadOnlyDictionary<Model, string> sheetPages, IReadOnlyList<Person> roster, int position, CancellationToken cancellationToken)
    {
        var reviewedFrom = Start.AddDays(110);
        await gateway.PostAsync($"/api/knowledge/spaces/{products}/access", new { kind = "Role", name = "executive", level = "Approve", occurredAt = reviewedFrom }, cancellationToken);
        await gateway.PostAsync($"/api/knowledge/spaces/{products}/review", new { required = true, occurredAt = reviewedFrom.AddHours(1) }, cancellationToken);

        // A regional manager (whose manager leads sales from management) and that manager, the sales director.
        var writer = roster.First(person => person.Team.StartsWith("sales-", StringComparison.Ordinal)
            && roster.Any(boss => boss.Id == person.Manager && boss.Team == Roster.Management));
        var director = roster.Single(person => person.Id == writer.Manager);
        using var writerClient = await SignedInAsAsync(writer, "regional-manager", writer.Region, cancellationToken);
        using var directorClient = await SignedInAsAsync(director, "executive", null, cancellationToken);
        var (author, approver) = (gateway.As(writerClient), gateway.As(directorClient));

        async Task ApproveAsync(string page, int version, DateTimeOffset at, CancellationToken token)
        {
            await author.PostAsync($"/api/knowledge/pages/{page}/draft/submission", new { version, occurredAt = at }, token);
            await approver.PostAsync($"/api/knowledge/pages/{page}/draft/approval", new { version, occurredAt = at.AddDays(1) }, token);
        }

        var upgraded = sheetPages.Keys.Where(model => SheetOf(model).UpgradedKwh is not null).OrderBy(model => model.Code, StringComparer.Ordinal).ToList();
        var reviewed = 0;
        await EachAsync("knowledge reviews", upgraded, async (model, token) =>
        {
            var sheet = SheetOf(model);
            var (page, title) = (sheetPages[model], $"{model.Code} {sheet.Kind}");
            var written = Start.AddDays(120 + RandomFor(81_100 + upgraded.IndexOf(model)).Next(0, 150));
            var draft = await author.PostAsync($"/api/knowledge/pages/{page}/draft", new { title, body = SheetBody(model, sheet, sheet.UpgradedKwh!.Value, sheet.Upgrade), occurredAt = written }, token);
            var version = draft.GetProperty("draftVersion").GetInt32();
            if (model == upgraded[0])
            {
                // The first one goes back once: the director wants the charging conditions the upgrade's figures assume.
                await author.PostAsync($"/api/knowledge/pages/{page}/draft/submission", new { version, occurredAt = written.AddHours(2) }, token);
                await approver.PostAsync($"/api/knowledge/pages/{page}/draft/return", new { version, reason = "请补充续航数据对应的充电条件与环境温度。", occurredAt = written.AddDays(1) }, token);
                var completed = SheetBody(model, sheet, sheet.UpgradedKwh!.Value, sheet.Upgrade + "（满电、环境温度 25 ℃ 下实测）");
                version = (await author.PostAsync($"/api/knowledge/pages/{page}/draft", new { title, body = completed, occurredAt = written.AddDays(2) }, token)).GetProperty("draftVersion").GetInt32();
                written = written.AddDays(2);
            }

            await ApproveAsync(page, version, written.AddHours(2), token);
            Interlocked.Increment(ref reviewed);
        }, cancellationToken);

        // The pre-order model's sheet once it is announced: in a reviewed space, a new page is a draft until approved.
        Progress.Begin("knowledge pre-order sheet", 1);
        var preOrder = CompanyProfile.PreOrderModel;
        var preOrderSheet = SheetOf(preOrder);
        var announced = end.AddDays(-75);
        var created = await author.PostAsync(
            $"/api/knowledge/spaces/{products}/pages",
            new { title = $"{preOrder.Code} {preOrderSheet.Kind}", body = SheetBody(preOrder, preOrderSheet, preOrderSheet.BatteryKwh, null), position, occurredAt = announced },
            cancellationToken, HttpStatusCode.Created);
        await ApproveAsync(created.GetProperty("id").GetString()!, created.GetProperty("draftVersion").GetInt32(), announced.AddHours(3), cancellationToken);
        Progress.Step();
        return reviewed;
    }

    /// <summary>
    /// Someone of the roster signed in as themselves, with <paramref name="role"/> given by the administrator (the
    /// simulator) with a password nobody else learns.
    /// </summary>
    private async Task<HttpClient> SignedInAsAsync(Person person, string role, string? region, CancellationToken cancellationToken)
    {
        var password = SignIn.Base64Url(RandomNumberGenerator.GetBytes(24));
        await gateway.PutAsync($"/api/identity/accounts/{person.Id}", new { name = person.Name, roles = new[] { role }, region, password }, cancellationToken);
        return SignIn.Client(client.BaseAddress!, person.Id, password);
    }

    private static Sheet SheetOf(Model model) => Sheets.GetValueOrDefault(model.Code) ?? new Sheet(model.Category, model.Category, 300, null, null);

    private static string SheetBody(Model model, Sheet sheet, int batteryKwh, string? change) =>
        $"# {model.Code} {sheet.Kind}\n\n"
        + $"- 型号：{model.Code}\n- 类别：{sheet.Kind}，{sheet.Duty}\n- {model.Code} 电池：{batteryKwh} kWh 磷酸铁锂，液冷热管理\n"
        + (model.Price > 0 ? $"- 指导价：{(model.Price / 10_000m).ToString("0.#", CultureInfo.InvariantCulture)} 万元\n" : "- 仅供租赁，按天计费\n")
        + (change is null ? string.Empty : $"\n## 更新\n\n{change}。\n");

    private async Task<string> OpenSpaceAsync(string name, string kind, string description, string[] editors, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = await PostIdAsync("/api/knowledge/spaces", new { name, kind, description, editors, occurredAt = at }, "id", cancellationToken);
        Progress.Step();
        return id;
    }

    private Task<string> WritePageAsync(string space, string title, string body, string? parentId, int position, DateTimeOffset at, CancellationToken cancellationToken) =>
        PostIdAsync($"/api/knowledge/spaces/{space}/pages", new { title, body, parentId, position, occurredAt = at }, "id", cancellationToken);

    /// <summary>
    /// Most of the roster confirm reading revision <paramref name="revision"/> of a rule, within three weeks of its
    /// publication (and before <paramref name="until"/>, when the next one is), recorded for them by the administrator.
    /// </summary>
    private async Task ConfirmReadingAsync(
        string page, int revision, IReadOnlyList<Person> roster, DateTimeOffset published, DateTimeOffset until, Random random, CancellationToken cancellationToken)
    {
        var readers = roster.Select(person => (person.Id, Reads: random.NextDouble() < 0.9, At: published.AddHours(random.Next(2, 21 * 24)))).ToList();
        await EachAsync("knowledge read confirmations", [.. readers.Where(reader => reader.Reads && reader.At < until)], (reader, token) =>
            gateway.PostAsync($"/api/knowledge/pages/{page}/read-confirmation", new { revision, person = reader.Id, occurredAt = reader.At }, token), cancellationToken);
    }

    private Task ReviseAsync(string page, string title, string body, DateTimeOffset at, CancellationToken cancellationToken) =>
        gateway.PostAsync($"/api/knowledge/pages/{page}/revisions", new { title, body, occurredAt = at }, cancellationToken, HttpStatusCode.OK);
}
