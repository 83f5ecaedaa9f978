using JinGong.Domain;
using JinGong.Http.Languages;

namespace JinGong.Orders.Catalogue;

/// <summary>What someone asks of a model of the catalogue, with its business time and the clock's reading.</summary>
public abstract record CatalogueCommand(string Model, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// List a model under its category, English <paramref name="Name"/> and <paramref name="Names"/> in the API's other
/// languages: for the first time, again after its withdrawal, or again under another category or other names.
/// <paramref name="FromSettings"/>: a model of the settings (<c>Catalogue:Models</c>) at orders' start, which lists only
/// a model the catalogue has never held, so that the settings undo nothing done since.
/// </summary>
public sealed record ListModel(
    string Model, string Category, string Name, IReadOnlyDictionary<string, string> Names, DateTimeOffset OccurredAt, DateTimeOffset Now,
    bool FromSettings = false)
    : CatalogueCommand(Model, OccurredAt, Now);

public sealed record WithdrawModel(string Model, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : CatalogueCommand(Model, OccurredAt, Now);

/// <summary>
/// Every rule of the catalogue: a model is named only in the languages the API answers in; listing it again as it is,
/// or withdrawing it again, is done already and changes nothing; and new opportunities and orders name only listed models.
/// </summary>
public static class CatalogueDecider
{
    /// <summary>The languages a model is named in besides English, which is its <c>Name</c>.</summary>
    private static readonly IReadOnlyList<string> OtherLanguages = [.. Texts.Languages.Skip(1)];

    public static Decision Decide(CatalogueCommand command, CatalogueModel? state) => (command, state) switch
    {
        // A name under a language the API does not answer in (a "cn" for "zh") would never be shown.
        (ListModel list, _) when list.Names.Keys.FirstOrDefault(language => !OtherLanguages.Contains(language)) is { } unknown => Decision.Reject(new(
            "name-in-unknown-language",
            $"Model {list.Model} is named in '{unknown}', which the API does not answer in; name it in {string.Join(", ", OtherLanguages)} (English is its name).",
            ErrorKind.Unprocessable)),
        (ListModel { FromSettings: true }, not null) => Decision.Accept(),
        (ListModel list, null or { Listed: false }) => Change(list, state, new ModelListed(list.Model, list.Category, list.Name, list.Names, list.OccurredAt)),
        (ListModel list, { } listed) when listed.Category == list.Category && listed.Name == list.Name && SameNames(listed.Names, list.Names) => Decision.Accept(),
        (ListModel list, _) => Change(list, state, new ModelListingChanged(list.Model, list.Category, list.Name, list.Names, list.OccurredAt)),
        (WithdrawModel, null) => Decision.Reject(NotFound(command.Model)),
        (WithdrawModel, { Listed: false }) => Decision.Accept(),
        (WithdrawModel withdraw, _) => Change(withdraw, state, new ModelWithdrawn(withdraw.Model, withdraw.Reason, withdraw.OccurredAt)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on the catalogue."),
    };

    /// <summary>
    /// Why lines naming <paramref name="models"/> cannot be sold, given the catalogue's records of them by code
    /// (<paramref name="catalogue"/>): a model it never listed, or one withdrawn since. Null when every one is listed.
    /// </summary>
    public static DomainError? Unsold(IEnumerable<string> models, IReadOnlyDictionary<string, CatalogueModel> catalogue) =>
        models.Select(model => catalogue.GetValueOrDefault(model) switch
        {
            null => new DomainError("model-not-in-catalogue", $"The company does not sell a model named '{model}'; see /api/orders/models.", ErrorKind.Unprocessable),
            { Listed: false } withdrawn => new DomainError(
                "model-withdrawn",
                $"Model {model} was withdrawn from the catalogue ({withdrawn.WithdrawalReason}); new opportunities and orders cannot name it.",
                ErrorKind.Unprocessable),
            _ => null,
        }).FirstOrDefault(error => error is not null);

    public static DomainError NotFound(string model) => new("model-not-found", $"The catalogue has never listed a model {model}.", ErrorKind.NotFound);

    private static Decision Change(CatalogueCommand command, CatalogueModel? state, object change) =>
        BusinessTime.Check(command.OccurredAt, command.Now, state?.LastOccurredAt, $"model {command.Model}") is { } timeError
            ? Decision.Reject(timeError)
            : Decision.Accept(change);

    private static bool SameNames(IReadOnlyDictionary<string, string> known, IReadOnlyDictionary<string, string> given) =>
        known.Count == given.Count && known.All(name => given.TryGetValue(name.Key, out var same) && same == name.Value);
}
