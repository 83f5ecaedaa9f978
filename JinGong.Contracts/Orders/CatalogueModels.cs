namespace JinGong.Contracts.Orders;

/// <summary>
/// A model is in the catalogue [产品目录] from now on, or its names changed: opportunities and orders may name it, and
/// other services (the knowledge base's recommendations) may refer to it. <paramref name="Names"/> are its names in
/// the other languages the API answers in (e.g. <c>{"zh": "90吨纯电动宽体矿卡"}</c>), empty when it has none. Version 1.
/// </summary>
public sealed record CatalogueModelListed(
    string Model, string Category, string Name, IReadOnlyDictionary<string, string> Names, DateTimeOffset OccurredAt);

/// <summary>A model is no longer sold, for <paramref name="Reason"/>: what names it already keeps it. Version 1.</summary>
public sealed record CatalogueModelWithdrawn(string Model, string Reason, DateTimeOffset OccurredAt);

/// <summary>
/// The whole catalogue as of <paramref name="AsOf"/> (its last change), in answer to <see cref="Knowledge.CatalogueRequested"/>:
/// every model listed now; a model a copy holds that is not here was withdrawn. Version 1.
/// </summary>
public sealed record CatalogueShown(IReadOnlyList<CatalogueModelListed> Models, DateTimeOffset AsOf);
