using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace JinGong.Simulation;

/// <summary>The company's scenario solutions [场景化方案] over its year (issue 24).</summary>
public sealed partial class BusinessYear
{
    /// <summary>A working condition [工况] as the technical team measured it, and the models it recommends for it, saying why.</summary>
    private sealed record Condition(
        string Name, decimal HaulDistanceKm, decimal GradientPercent, decimal PayloadTonnes, string Material, string Climate, params (string Model, string Rationale)[] Recommended);

    /// <summary>The five application scenarios of the case study, each with the working conditions the company's customers work in.</summary>
    private static readonly (string Name, string Description, Condition[] Conditions)[] Scenarios =
    [
        ("钢厂", "钢铁企业厂内的钢渣与原料倒运，短距离、高频次、高温。",
        [
            new("钢渣短倒", 1.2m, 3m, 40m, "钢渣", "Hot", ("MT-60E", "短倒频次高，制动能量回收多；液冷电池耐高温")),
            new("原料场倒运", 0.8m, 1m, 30m, "铁矿石与焦炭", "Temperate", ("WL-50E", "5 吨级斗容匹配堆场倒运，零排放适合封闭料棚")),
        ]),
        ("露天矿山", "露天煤矿与金属矿的剥离和运矿，长坡道、重载。",
        [
            new("剥离重载上坡", 3.5m, 8m, 60m, "剥离物", "Cold", ("MT-90E", "重载爬坡扭矩足，电池预热保证冬季出勤"), ("EX-35E", "35 吨级斗容与 90 吨矿卡装车匹配")),
            new("重载下坡运煤", 5m, -6m, 90m, "原煤", "Cold", ("MT-90E", "重载下坡能量回收，吨公里电耗最低")),
            new("高原铜矿运矿", 4m, 7m, 90m, "铜矿石", "HighAltitude", ("MT-60E", "高原稀薄空气不影响电机出力")),
        ]),
        ("港口", "散货码头的堆场装卸与短驳，潮湿、连续作业。",
        [
            new("散货堆场装卸", 0.5m, 0m, 5m, "散货", "Humid", ("WL-50E", "连续装卸，换电不停机")),
            new("码头短驳", 1.5m, 2m, 60m, "矿石", "Humid", ("MT-60E", "短驳往返快，港区充电桩就近补电")),
        ]),
        ("基建", "公路、铁路与水利工程的土方开挖和骨料运输。",
        [
            new("土方开挖", 0.3m, 5m, 20m, "土方", "Temperate", ("EX-35E", "单班 9 小时作业，城市工地零排放"), ("EX-22E", "租赁灵活，适合短工期标段")),
            new("砂石骨料运输", 2m, 4m, 60m, "砂石骨料", "Hot", ("MT-60E", "60 吨载重匹配骨料运输，电耗低")),
        ]),
        ("隧道", "隧道掘进的洞内出渣与洞口转运，空间窄、零排放要求高。",
        [
            new("洞内出渣", 1.2m, 3m, 20m, "隧道渣土", "Humid", ("EX-22E", "洞内零排放，无需加大通风")),
            new("洞口转运", 0.4m, 2m, 3m, "渣土", "Temperate", ("WL-30E", "机身小巧，洞口场地转向灵活")),
        ]),
    ];

    /// <summary>The working conditions each model is recommended for at the end of the year, as the solutions were written.</summary>
    private readonly ConcurrentDictionary<string, List<string>> recommendedFor = new(StringComparer.Ordinal);

    /// <summary>The working condition unit <paramref name="i"/> of <paramref name="model"/> is tried in, if the solutions recommend the model for any.</summary>
    private string? TrialConditionFor(string model, int i) =>
        recommendedFor.TryGetValue(model, out var conditions) && conditions.Count > 0 ? conditions[i % conditions.Count] : null;

    /// <summary>
    /// A space of solutions opened early in the year, which the technical, brand and marketing teams edit; the five
    /// scenarios defined in it by the administrator, naming those teams; each scenario's working conditions added by a
    /// technical engineer, signed in as themselves, who recommends models of the catalogue for each weeks later — and at
    /// the high-altitude copper mine withdraws the first one after its trial, recommending the bigger truck instead. Each
    /// condition's solution is then written by its three teams, each signed in as themselves: the equipment and why, the
    /// promotion plan, and the talk tracks with the objections heard when deals were lost.
    /// </summary>
    private async Task<(int Scenarios, int Conditions)> WriteSolutionsAsync(CancellationToken cancellationToken)
    {
        var opened = Start.AddDays(20);
        Progress.Begin("scenario solutions", Scenarios.Length);
        var space = await OpenSpaceAsync("场景化方案", "Solutions", "按应用场景与工况整理的完整方案：技术推荐、品牌推广与营销话术。", ["executive"], opened, cancellationToken);
        foreach (var (team, n) in new[] { Roster.Technical, Roster.Brand, Roster.Marketing }.Select((team, n) => (team, n)))
        {
            await gateway.PostAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Team", name = team, level = "Edit", occurredAt = opened.AddMinutes(n + 1) }, cancellationToken);
        }

        var engineer = Roster.Of(profile).First(person => person.Team == Roster.Technical);
        using var engineerClient = await SignedInAsAsync(engineer, "fleet-operations", null, cancellationToken);
        var technical = gateway.As(engineerClient);
        var (designer, marketer) = (Roster.Of(profile).First(person => person.Team == Roster.Brand), Roster.Of(profile).First(person => person.Team == Roster.Marketing));
        using var designerClient = await SignedInAsAsync(designer, "sales-rep", designer.Region, cancellationToken);
        using var marketerClient = await SignedInAsAsync(marketer, "sales-rep", marketer.Region, cancellationToken);
        var writers = new Dictionary<string, GatewayCommands> { ["technical"] = technical, ["brand"] = gateway.As(designerClient), ["marketing"] = gateway.As(marketerClient) };
        var conditions = 0;
        // Recommended weeks after the conditions were measured, one after another (a scenario's stream moves forward in business time).
        var recommended = opened.AddDays(30);
        foreach (var ((name, description, terms), n) in Scenarios.Select((scenario, n) => (scenario, n)))
        {
            var defined = opened.AddDays(1 + n);
            var scenario = await PostIdAsync("/api/knowledge/scenarios", new
            {
                spaceId = space, name, description, teams = new { technical = Roster.Technical, brand = Roster.Brand, marketing = Roster.Marketing }, occurredAt = defined,
            }, "id", cancellationToken);
            var ids = new List<string>();
            foreach (var (condition, c) in terms.Select((condition, c) => (condition, c)))
            {
                var added = await technical.PostAsync($"/api/knowledge/scenarios/{scenario}/conditions", new
                {
                    condition.Name, condition.HaulDistanceKm, condition.GradientPercent, condition.PayloadTonnes, condition.Material, condition.Climate,
                    occurredAt = defined.AddHours(2 + c),
                }, cancellationToken, HttpStatusCode.OK);
                ids.Add(added.GetProperty("conditions")[c].GetProperty("id").GetString()!);
                conditions++;
            }

            foreach (var (condition, id) in terms.Zip(ids))
            {
                var recommendations = $"/api/knowledge/scenarios/{scenario}/conditions/{id}/recommendations";
                var standing = condition.Recommended.Select(recommendation => recommendation.Model).ToList();
                foreach (var (model, rationale) in condition.Recommended)
                {
                    recommended = recommended.AddHours(1);
                    await technical.PostAsync(recommendations, new { model, rationale, occurredAt = recommended }, cancellationToken);
                }

                if (condition.Climate == "HighAltitude")
                {
                    var (tried, _) = condition.Recommended[0];
                    await technical.PostAsync($"{recommendations}/{tried}/withdrawal", new { reason = "试用中高原爬坡续航不足，改推 90 吨级", occurredAt = Start.AddDays(150) }, cancellationToken);
                    await technical.PostAsync(recommendations, new { model = "MT-90E", rationale = "试用证明 700 kWh 电池包可满足高原满载往返", occurredAt = Start.AddDays(150).AddHours(1) }, cancellationToken);
                    standing = [.. standing.Where(model => model != tried), "MT-90E"];
                }

                foreach (var model in standing)
                {
                    recommendedFor.GetOrAdd(model, _ => []).Add(id);
                }

                foreach (var (part, text, order) in SolutionSections(name, condition, standing).Select((section, order) => (section.Part, section.Text, order)))
                {
                    await writers[part].PostAsync($"/api/knowledge/scenarios/{scenario}/conditions/{id}/sections/{part}", new
                    {
                        title = text.Title, body = text.Body, occurredAt = recommended.AddDays(3 + order),
                    }, cancellationToken, HttpStatusCode.Created);
                }
            }

            Progress.Step();
        }

        return (Scenarios.Length, conditions);
    }

    /// <summary>The three sections of a condition's solution, as its teams write them.</summary>
    private static IEnumerable<(string Part, (string Title, string Body) Text)> SolutionSections(string scenario, Condition condition, IReadOnlyList<string> models)
    {
        var equipment = string.Join("\n", models.Select(model => $"- model:{model}"));
        yield return ("technical", ($"{condition.Name} · 技术方案",
            $"## 工况\n\n运距 {condition.HaulDistanceKm} km；坡度 {condition.GradientPercent} %；单趟载重 {condition.PayloadTonnes} t；物料：{condition.Material}。\n\n"
            + $"## 推荐设备\n\n{equipment}\n\n## 试用数据\n\n试用台数、天数、日均作业小时与转化情况见本方案的试用数据表。"));
        yield return ("brand", ($"{condition.Name} · 品牌推广",
            $"## 推广方案\n\n面向{scenario}客户的现场观摩与试用活动，每季度一次。\n\n## 媒体与物料\n\n- 案例视频：{condition.Name}\n- 宣传册：{string.Join("、", models)}"));
        yield return ("marketing", ($"{condition.Name} · 营销方案",
            $"## 话术\n\n> 同样的{condition.Material}，电动设备每吨电费不到柴油的一半，且无需加大通风与尾气处理。\n\n"
            + "## 常见异议与回应\n\n| 异议 | 回应 |\n| --- | --- |\n| 价格高于柴油车 | 按五年总成本算，能耗与保养节省可覆盖差价 |\n| 续航不够 | 先试用：试用数据表里有同工况的日均作业小时 |"));
    }

    /// <summary>
    /// A space of deals for every region, opened early in the year, and a process document for each region's largest sale
    /// delivered and invoiced (<paramref name="sales"/>):
    /// opened a few days after the opportunity was filed, its proposal written and sent, then revised after negotiation
    /// and sent again before the deal was won.
    /// </summary>
    private async Task<int> WriteDealDocumentsAsync(IReadOnlyList<Sale> sales, CancellationToken cancellationToken)
    {
        var largest = sales.GroupBy(sale => sale.Region.Name).Select(region => region.OrderByDescending(sale => sale.Amount).ThenBy(sale => sale.Id, StringComparer.Ordinal).First())
            .OrderBy(sale => sale.Region.Name, StringComparer.Ordinal).ToList();
        Progress.Begin("deal documents", largest.Count);
        foreach (var region in CompanyProfile.Regions)
        {
            await gateway.PostAsync("/api/knowledge/spaces", new
            {
                name = $"{region.Name} 商机文档", kind = "Deals", region = region.Name, description = "本区每个重点商机一篇过程文档：需求、方案、报价与沟通，时间线来自各系统。",
                editors = new[] { "sales-rep", "regional-manager" }, occurredAt = Start.AddDays(10),
            }, cancellationToken, HttpStatusCode.Created);
        }

        foreach (var sale in largest)
        {
            // The knowledge base hears of the opportunity over the bus.
            await gateway.WhenAsync($"/api/knowledge/deals/{sale.OpportunityId}", deal => deal.GetProperty("customer").ValueKind == JsonValueKind.String, cancellationToken);
            var page = (await gateway.PostAsync($"/api/knowledge/deals/{sale.OpportunityId}/document", new { occurredAt = sale.FiledAt.AddDays(2) }, cancellationToken, HttpStatusCode.Created))
                .GetProperty("id").GetString();
            var title = $"{sale.Customer.Name} · 方案与报价";
            // The first price asked, some 6 % above what was agreed, to the ten thousand yuan.
            var listed = Math.Round(sale.Amount * 1.06m / 10_000m) * 10_000m;
            await gateway.PostAsync($"/api/knowledge/pages/{page}/revisions", new
            {
                title, body = $"## 客户需求\n\n{sale.Customer.Name} 现场。\n\n## 方案与报价\n\n报价 {listed:N0} 元（含税），交付后 30 天内付清。", occurredAt = sale.FiledAt.AddDays(10),
            }, cancellationToken);
            await gateway.PostAsync($"/api/knowledge/pages/{page}/proposals", new { revision = 2, recipient = $"{sale.Customer.Name} 采购部", occurredAt = sale.FiledAt.AddDays(11) }, cancellationToken);
            await gateway.PostAsync($"/api/knowledge/pages/{page}/revisions", new
            {
                title, body = $"## 客户需求\n\n{sale.Customer.Name} 现场。\n\n## 方案与报价\n\n议价后报价 {sale.Amount:N0} 元（含税），按 30/60/90 天账期分期付款。", occurredAt = sale.PlacedAt.AddDays(-4),
            }, cancellationToken);
            await gateway.PostAsync($"/api/knowledge/pages/{page}/proposals", new { revision = 3, recipient = $"{sale.Customer.Name} 采购部", occurredAt = sale.PlacedAt.AddDays(-4).AddHours(1) }, cancellationToken);
            Progress.Step();
        }

        return largest.Count;
    }
}
