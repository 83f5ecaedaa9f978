using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Orders.Catalogue.Listing;
using Marten;

namespace JinGong.Orders.Catalogue.Seeding;

/// <summary>
/// Lists each model of the settings (<c>Catalogue:Models</c>) that the catalogue has never held, through the one command
/// path, before orders answers its first request: a fresh system sells its product line at once. A model listed, changed
/// or withdrawn since stays as its events say, so a restart lists nothing again; of replicas starting together, one lists
/// it and the others lose the race and go on. A model the settings write wrong (a name under a language the API does not
/// answer in, say) stops orders at its start.
/// </summary>
public sealed partial class ConfiguredModels(
    IDocumentStore store, IConfiguration configuration, ServiceIdentity service, TimeProvider clock, ILogger<ConfiguredModels> logger)
    : IHostedService
{
    public const string Section = "Catalogue:Models";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var configured in configuration.GetSection(Section).Get<List<ListModelRequest>>() ?? [])
        {
            if (ListModelEndpoint.Validate(configured) is { Any: true } errors)
            {
                throw new InvalidOperationException(
                    $"{Section} holds a model written wrong ({configured.Model}): {string.Join(" ", errors.Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}"))}");
            }

            await using var session = store.LightweightSession();
            session.LastModifiedBy = service.Name;
            session.CausationId = Section;
            var model = configured.Model!.Trim();
            var decided = await session.AppendDecisionAsync<CatalogueModel>(
                CatalogueModel.StreamOf(model),
                // The clock is read once the stream is loaded, as for every command.
                state => CatalogueDecider.Decide(ListModelEndpoint.Command(configured, clock.GetUtcNow(), fromSettings: true), state), cancellationToken);
            if (decided.Decision is Decision.Rejected rejected)
            {
                throw new InvalidOperationException($"{Section} lists {model}, which the catalogue refuses: {rejected.Error.Detail}");
            }

            if (decided.Events.Count == 0)
            {
                continue;
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
                LogListed(model);
            }
            catch (Exception race) when (StreamCommands.IsRace(race))
            {
                // Another orders process starting beside this one listed it first.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Listed model {Model} of the settings in the catalogue")]
    private partial void LogListed(string model);
}
