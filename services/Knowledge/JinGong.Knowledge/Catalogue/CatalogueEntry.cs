using JasperFx;

namespace JinGong.Knowledge.Catalogue;

/// <summary>
/// A model of orders' catalogue [产品目录] as the knowledge base knows it, from the bus: what a recommendation may name
/// (<see cref="Listed"/>), and what the pages that name it call it. <see cref="AsOf"/> is the business time of the last
/// fact applied.
/// </summary>
public sealed record CatalogueEntry(
    [property: Identity] string Model, string Category, string Name, IReadOnlyDictionary<string, string> Names, bool Listed, DateTimeOffset AsOf);

/// <summary>When the knowledge base's copy of the catalogue was last shown whole by orders (<see cref="AsOf"/>: the catalogue's last change then).</summary>
public sealed record CatalogueCopy([property: Identity] string Id, DateTimeOffset AsOf, DateTimeOffset ShownAt)
{
    public const string Key = "catalogue";
}
