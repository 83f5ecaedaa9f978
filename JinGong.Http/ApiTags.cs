using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;

namespace JinGong.Http;

/// <summary>A group of operations in a service's OpenAPI document (and its API reference), named and explained where it is mapped.</summary>
public sealed record ApiTag(string Name, string Description);

public static class ApiTags
{
    /// <summary>Tags the endpoints with <paramref name="tag"/>'s name, and gives the document its description.</summary>
    public static TBuilder WithTag<TBuilder>(this TBuilder endpoints, ApiTag tag) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithTags(tag.Name).WithMetadata(tag);

    /// <summary>Each tag of the document is described as its endpoints' <see cref="ApiTag"/> says.</summary>
    public static OpenApiOptions DescribeTags(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, context, _) =>
        {
            var tags = context.DescriptionGroups.SelectMany(group => group.Items)
                .SelectMany(description => description.ActionDescriptor.EndpointMetadata.OfType<ApiTag>())
                .DistinctBy(tag => tag.Name)
                .ToDictionary(tag => tag.Name, tag => tag.Description);
            foreach (var tag in document.Tags ?? new HashSet<Microsoft.OpenApi.OpenApiTag>())
            {
                if (tag.Name is { } name && tags.TryGetValue(name, out var description))
                {
                    tag.Description = description;
                }
            }

            return Task.CompletedTask;
        });
}
