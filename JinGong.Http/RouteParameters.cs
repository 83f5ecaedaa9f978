using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinGong.Http;

/// <summary>
/// A command endpoint reads its stream's id from the route itself (<c>MapStreamCommand</c>: <c>/{code}/reservation</c>), so
/// no handler parameter declares it; the OpenAPI document still names every parameter of the route, as a client needs it.
/// </summary>
public static partial class RouteParameters
{
    public static OpenApiOptions DeclareRouteParameters(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var name in Parameter().Matches(context.Description.RelativePath ?? string.Empty).Select(match => match.Groups["name"].Value))
            {
                if (operation.Parameters?.Any(parameter => parameter.Name == name && parameter.In == ParameterLocation.Path) != true)
                {
                    (operation.Parameters ??= []).Add(new OpenApiParameter
                    {
                        Name = name,
                        In = ParameterLocation.Path,
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }
            }

            return Task.CompletedTask;
        });

    // "{code}", "{id:int}", "{**rest}" → code, id, rest
    [GeneratedRegex(@"\{\**(?<name>[^}:?=*]+)")]
    private static partial Regex Parameter();
}
