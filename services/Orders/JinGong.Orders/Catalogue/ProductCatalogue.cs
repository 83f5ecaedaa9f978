using JinGong.Http;

namespace JinGong.Orders.Catalogue;

/// <summary>A model the company sells.</summary>
public sealed record ProductModel(string Model, string Category, string Name);

/// <summary>
/// The product line (configuration <c>Catalogue:Models</c>): what opportunities and orders may name. The
/// company's own price list, not something learned from fleet: a model can be sold before a unit of it
/// is built.
/// </summary>
public sealed class ProductCatalogue(IReadOnlyList<ProductModel> models)
{
    public IReadOnlyList<ProductModel> Models { get; } = models;

    public bool Sells(string? model) => model is not null && Models.Any(known => known.Model == model.Trim());

    public static ProductCatalogue From(IConfiguration configuration) =>
        new(configuration.GetSection("Catalogue:Models").Get<List<ProductModel>>() ?? []);
}

public static class CatalogueEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Catalogue",
        "The models the company sells, which opportunities and orders name.");

    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder api)
    {
        api.MapGet("/models", (ProductCatalogue catalogue) => TypedResults.Ok(catalogue.Models))
            .WithTag(Tag)
            .WithName("ListModels")
            .WithSummary("The models the company sells: what opportunities and orders may name");
        return api;
    }
}
