using JinGong.Knowledge.Spaces;

namespace JinGong.Knowledge.Templates;

/// <summary>A page to start from: its title and Markdown body, headings in the company's own words.</summary>
public sealed record PageTemplate(string Id, string Title, string Body);

/// <summary>
/// The templates of each kind of space, as the company writes its documents.
/// <para>
/// Fixed here rather than pages a space marks as templates: they are the company's house formats (a rule always has 目的,
/// 适用范围, 规定 …), the same for every space of a kind, and change with the product, reviewed like code; marking pages
/// would need a new event on spaces and pages and its own permission, for a choice no space has asked to make yet. A
/// template is only where a new page starts: the page itself is what keeps every revision.
/// </para>
/// </summary>
public static class PageTemplates
{
    private static readonly IReadOnlyDictionary<SpaceKind, IReadOnlyList<PageTemplate>> ByKind = new Dictionary<SpaceKind, IReadOnlyList<PageTemplate>>
    {
        [SpaceKind.Rules] =
        [
            new("rule", "规章制度",
                """
                ## 目的

                为规范……，特制定本制度。

                ## 适用范围

                本制度适用于公司全体员工／……部门。

                ## 规定

                1. ……
                2. ……

                ## 责任部门

                ……部负责本制度的解释、修订与监督执行。

                ## 生效日期

                本制度自 ____ 年 __ 月 __ 日起施行。
                """),
        ],
        [SpaceKind.ProductMaterials] =
        [
            new("product-sheet", "产品资料",
                """
                ## 型号

                model:……

                ## 主要参数

                | 参数 | 数值 |
                | --- | --- |
                | 整机质量 | …… t |
                | 额定载重 | …… t |
                | 电机功率 | …… kW |

                ## 电池与续航

                电池类型与容量：…… kWh；满载续航：…… h；快充时间：…… min。

                ## 适用工况

                钢厂／矿山／港口／基建／隧道：……

                ## 试用数据

                | 客户 | 工况 | 试用时长 | 作业小时 | 能耗 | 结论 |
                | --- | --- | --- | --- | --- | --- |
                | …… | …… | …… 天 | …… h | …… kWh/h | …… |
                """),
        ],
        [SpaceKind.MarketingToolkit] =
        [
            new("toolkit", "营销工具包",
                """
                ## 场景

                行业与工况：……

                ## 客户痛点

                - ……

                ## 话术

                > ……

                ## 方案

                推荐设备：model:……；配置与服务：……

                ## 报价

                | 项目 | 数量 | 单价（元） | 金额（元） |
                | --- | --- | --- | --- |
                | …… | …… | …… | …… |
                """),
        ],
        [SpaceKind.IndustryNews] =
        [
            new("news", "行业资讯",
                """
                ## 来源

                ……（媒体／机构），____ 年 __ 月 __ 日，链接：……

                ## 摘要

                ……

                ## 对我司的影响

                ……
                """),
        ],
        // A scenario solution's three parts, one per department that keeps it.
        [SpaceKind.Solutions] =
        [
            new("solution-technical", "技术方案",
                """
                ## 工况

                运距 …… km；坡度 …… %；单趟载重 …… t；物料：……；气候：……

                ## 推荐设备

                model:……：推荐理由……

                ## 试用数据

                试用台数、天数、日均作业小时与转化情况见本方案的试用数据表。
                """),
            new("solution-brand", "品牌推广",
                """
                ## 推广方案

                目标客户、主题与节奏：……

                ## 媒体与物料

                - 案例视频：……
                - 宣传册：……
                """),
            new("solution-marketing", "营销方案",
                """
                ## 客户与痛点

                ……

                ## 话术

                > ……

                ## 常见异议与回应

                | 异议 | 回应 |
                | --- | --- |
                | …… | …… |

                ## 商务方案

                配置、价格与服务：……
                """),
        ],
        // A deal's process document: what is learnt and promised along the way; its timeline comes from the services' events.
        [SpaceKind.Deals] =
        [
            new(DealDocument, "商机过程文档",
                """
                ## 客户需求

                工况、台数与交期：……

                ## 方案与报价

                推荐设备、配置与价格：……

                ## 沟通记录

                - ……
                """),
        ],
    };

    /// <summary>The template a deal's process document starts from when it is opened without a text of its own.</summary>
    public const string DealDocument = "deal-document";

    public static PageTemplate Deal => ByKind[SpaceKind.Deals][0];

    /// <summary>The templates for a space of <paramref name="kind"/> (every kind has at least one).</summary>
    public static IReadOnlyList<PageTemplate> For(SpaceKind kind) => ByKind.GetValueOrDefault(kind) ?? [];
}
