using JinGong.Http;
using JinGong.Http.Languages;

namespace JinGong.Orders.Catalogue;

/// <summary>A model the company sells, its name in the reader's language.</summary>
public sealed record ProductModel(string Model, string Category, string Name);

/// <summary>
/// A model as the catalogue is configured: its English <paramref name="Name"/> and its name in each other language the
/// API answers in (<paramref name="Names"/>, e.g. <c>{"zh": "90吨纯电动宽体矿卡"}</c>).
/// </summary>
public sealed record CatalogueModel(string Model, string Category, string Name, IReadOnlyDictionary<string, string>? Names = null)
{
    /// <summary>The model as the request's reader reads it: named in their language, in English where it has no name in it.</summary>
    public ProductModel ForReader() => new(Model, Category, Texts.Named(Name, Names));
}

/// <summary>
/// The product line (configuration <c>Catalogue:Models</c>): what opportunities and orders may name. The
/// company's own price list, not something learned from fleet: a model can be sold before a unit of it
/// is built.
/// </summary>
public sealed class ProductCatalogue
{
    public ProductCatalogue(IReadOnlyList<CatalogueModel> models)
    {
        // A name under a language the API does not answer in (a "cn" for "zh") would never be shown: refused at the start.
        if (models.SelectMany(model => (model.Names?.Keys ?? []).Select(language => (model.Model, Language: language)))
                .FirstOrDefault(name => !Texts.Languages.Skip(1).Contains(name.Language)) is { Model: not null } unknown)
        {
            throw new InvalidOperationException(
                $"Catalogue:Models names {unknown.Model} in '{unknown.Language}', which the API does not answer in; name it in {string.Join(", ", Texts.Languages.Skip(1))} (English is Name).");
        }

        Models = models;
    }

    public IReadOnlyList<CatalogueModel> Models { get; }

    public bool Sells(string? model) => model is not null && Models.Any(known => known.Model == model.Trim());

    public static ProductCatalogue From(IConfiguration configuration) =>
        new(configuration.GetSection("Catalogue:Models").Get<List<CatalogueModel>>() ?? []);
}

public static class CatalogueEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Catalogue",
        "The models the company sells, which opportunities and orders name.");

    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder api)
    {
        api.MapGet("/models", (ProductCatalogue catalogue) => TypedResults.Ok<IReadOnlyList<ProductModel>>([.. catalogue.Models.Select(model => model.ForReader())]))
            .WithTag(Tag)
            .WithName("ListModels")
            .WithSummary("The models the company sells, each named in the language Accept-Language asks for (English otherwise): what opportunities and orders may name");
        return api;
    }
}
