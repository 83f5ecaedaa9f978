using System.Globalization;
using JinGong.Http;
using JinGong.Http.Idempotency;
using JinGong.Http.Languages;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>How every JinGong process speaks HTTP: Problem Details, JSON, OpenAPI, sign-in, the gateway's headers.</summary>
public static class HttpApi
{
    public static TBuilder AddHttpApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Enums travel as their names ("InStock"), not numbers: a number would name a member by its position, or none (-99).
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));

        // The titles ASP.NET Core gives a bare status (401, 403, 404, 405…) in the request's language too.
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Title = context.ProblemDetails.Title is { } title ? Texts.Phrase(title) : null);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A database that is down is a 503 the client may retry, not a 500.
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        // Malformed bodies reach the exception handler above, which names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(options => options.DeclareRouteParameters().DeclareIdempotencyKeys());
        builder.AddTokenValidation();

        // Services sit behind the gateway (on this machine's loopback, which is trusted by default).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        return builder;
    }

    /// <summary>
    /// The shared middleware: the request's language, forwarded headers, correlation id, Problem Details, UTF-8 bodies,
    /// sign-in, and writes answered once per <c>Idempotency-Key</c> (where the service keeps answers:
    /// <see cref="IIdempotentAnswers"/>).
    /// </summary>
    /// <param name="beforeAuthentication">What a service checks before authentication handlers (an OpenID Connect server among them) read the request.</param>
    public static WebApplication UseHttpApi(this WebApplication app, Action<WebApplication>? beforeAuthentication = null)
    {
        app.UseRequestLocalization(AnswerLanguages());
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseUtf8Bodies();
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotencyKeys();
        return app;
    }

    /// <summary>
    /// Problem Details in the language <c>Accept-Language</c> asks for (<see cref="Texts.Languages"/>; English when it
    /// asks for none of them). Only the UI culture follows the request: numbers and dates keep one invariant shape.
    /// </summary>
    private static RequestLocalizationOptions AnswerLanguages()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, new CultureInfo(Texts.Languages[0])),
            SupportedCultures = [CultureInfo.InvariantCulture],
            SupportedUICultures = [.. Texts.Languages.Select(language => new CultureInfo(language))],
        };
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider { Options = options }];
        return options;
    }

    /// <summary>
    /// Maps a service's API root, <c>/api/{service}</c>, and its OpenAPI document under it, where the gateway's routes
    /// and API reference find it. Every endpoint under it is for signed-in holders of a JinGong role (writes narrow
    /// that to the roles whose job they are) and refuses control characters in what it is sent.
    /// </summary>
    public static RouteGroupBuilder MapApiRoot(this WebApplication app, string service)
    {
        var prefix = $"/api/{service}";
        app.MapOpenApi($"{prefix}/openapi/{{documentName}}.json");
        return app.MapGroup(prefix)
            .RequireAuthorization(policy => policy.RequireRole(Roles.All))
            .AddEndpointFilter<RouteGroupBuilder, PrintableTextFilter>();
    }
}
