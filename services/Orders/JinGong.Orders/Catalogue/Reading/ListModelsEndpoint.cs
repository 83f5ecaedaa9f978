using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Catalogue.Reading;

public static class ListModelsEndpoint
{
    public static RouteGroupBuilder MapListModels(this RouteGroupBuilder models)
    {
        models.MapGet("/", ListAsync)
            .WithName("ListModels")
            .WithSummary("The models the company sells, each named in the language Accept-Language asks for (English otherwise): what opportunities and orders may name");
        return models;
    }

    /// <summary>The listed models, by code.</summary>
    private static async Task<Ok<IReadOnlyList<ProductModel>>> ListAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var listed = await session.Query<CatalogueModel>().Where(model => model.Listed).OrderBy(model => model.Model).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ProductModel>>([.. listed.Select(model => model.ForReader())]);
    }
}
