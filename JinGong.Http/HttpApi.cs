using System.Globalization;
using JinGong.Http;
using JinGong.Http.Idempotency;
using JinGong.Http.Languages;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

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
        builder.Services.AddOpenApi(options => options
            .DescribeDocument()
            .DeclareNumbersAsNumbers()
            .DeclareNullableRequestFieldsOptional()
            .DeclareRouteParameters()
            .DeclareIdempotencyKeys()
            .DeclareETags()
            .DeclareSecurity()
            .DeclareAnswers()
            .DescribeTags());
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
    /// that to the roles whose job they are), refuses control characters in what it is sent, and names each write for the
    /// business figures (<see cref="BusinessMetrics"/>).
    /// </summary>
    public static RouteGroupBuilder MapApiRoot(this WebApplication app, string service)
    {
        var prefix = $"/api/{service}";
        app.MapOpenApi($"{prefix}/openapi/{{documentName}}.json");
        return app.MapGroup(prefix)
            .RequireAuthorization(policy => policy.RequireRole(Roles.All))
            .AddEndpointFilter<RouteGroupBuilder, PrintableTextFilter>()
            .WithMetadata(PrintableTextChecked.Instance)
            .CountsCommands(service);
    }

    /// <summary>
    /// What every document says of itself: its server is the origin it was fetched from (the gateway; its paths begin with
    /// <c>/api/{service}</c>), and the conventions every operation keeps.
    /// </summary>
    private static OpenApiOptions DescribeDocument(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [new OpenApiServer { Url = "/", Description = "The gateway this document was fetched from." }];
            document.Info.Description = "Errors are Problem Details (application/problem+json) with a stable type per rule broken "
                + $"({Problems.TypeBase}...) and, for invalid input, errors per field. A record's read answers its stream version "
                + "as ETag; a command may send it back in If-Match and gets 412 when the record has moved on. Every write may carry an "
                + "Idempotency-Key, which makes sending it again safe. Commands say when the thing happened (occurredAt, UTC, default now, "
                + "never in the future). Lists page with page and pageSize and say the total.";
            return Task.CompletedTask;
        });
}
