using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.EventSourcing;
using JinGong.ServiceDefaults.EventSourcing.Rebuilding;
using JinGong.ServiceDefaults.Http;
using JinGong.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every JinGong process shares: telemetry, health, service discovery, resilience, errors.</summary>
public static class Extensions
{
    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        // "live" is the process itself; every other check (database, broker) decides readiness.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // Enums travel as their names ("InStock"), not numbers: a number would name a member by its position, or none (-99).
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));

        // Handlers read the clock through TimeProvider, so tests can set the time.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A database that is down is a 503 the client may retry, not a 500.
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        // Malformed bodies reach the exception handler above, which names the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(options => options.DeclareRouteParameters());
        builder.AddTokenValidation();

        // Services sit behind the gateway (on this machine's loopback, which is trusted by default).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);

        return builder;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySources.MartenSource, TelemetrySources.MassTransitSource, JinGong.ServiceDefaults.EventSourcing.ProjectionLagMonitor.MeterName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, TelemetrySources.MartenSource, TelemetrySources.MassTransitSource, TelemetrySources.PublishingSource)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments(HealthPath) && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    /// <summary>The shared middleware and endpoints: forwarded headers, correlation id, Problem Details, health.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseUtf8Bodies();
        app.UseAuthentication();
        app.UseAuthorization();

        // /health: ready to serve (database and broker reachable); /alive: the process answers.
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }

    /// <summary>
    /// Maps an event-sourced service's API root, <c>/api/{service}</c> (see <see cref="MapApiRoot"/>), with its audit
    /// API and its projections' rebuild check.
    /// </summary>
    public static RouteGroupBuilder MapServiceApi(this WebApplication app, string service) =>
        app.MapApiRoot(service).MapAudit().MapRebuildCheck();

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
