using JinGong.Orders.Catalogue;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Catalogue;

/// <summary>The catalogue's records a decider test hands a new opportunity or order: MT-90E listed, EX-12E withdrawn.</summary>
internal static class CatalogueRecords
{
    private static readonly DateTimeOffset Listed = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, CatalogueModel> Sold = Of(
        [new ModelListed("MT-90E", "mining-truck", "90 t wide-body electric mining truck", new Dictionary<string, string> { ["zh"] = "90吨纯电动宽体矿卡" }, Listed)],
        [new ModelListed("EX-12E", "excavator", "12 t electric excavator", new Dictionary<string, string>(), Listed), new ModelWithdrawn("EX-12E", "replaced by the EX-22E", Listed.AddDays(90))]);

    private static IReadOnlyDictionary<string, CatalogueModel> Of(params object[][] streams) =>
        streams.Select(stream => stream.Fold<CatalogueModel>()!).ToDictionary(model => model.Model);
}
